"""A real OpenLDAP `slapd` (Debian's package) on a free loopback port, with a directory of its
own: an organisation unit per department (星河测试 / 研发中心 / 后端组, 销售部), people with their
number, mail, mobile, title and manager, and groups. Started once per test session, emptied and
loaded again by each test that changes it."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import ldap
import ldap.modlist

SLAPD = "/usr/sbin/slapd"
SCHEMA = "/etc/ldap/schema"
BASE = "dc=xinghe,dc=example"
ADMIN_DN, ADMIN_PASSWORD = f"cn=admin,{BASE}", "admin-secret"
BIND_DN, BIND_PASSWORD = f"cn=perfloop,{BASE}", "bind-secret"  # the service account PerfLoop binds as
ROOT = f"ou=星河测试,{BASE}"
RD, BACKEND, SALES = f"ou=研发中心,{ROOT}", f"ou=后端组,ou=研发中心,{ROOT}", f"ou=销售部,{ROOT}"
HR_GROUP = f"cn=perfloop-hr,ou=groups,{BASE}"
PASSWORD = "Directory-pass-1"  # every person's

CONFIG = """
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
include {schema}/nis.schema
pidfile {dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 104857600
suffix "{base}"
rootdn "{admin}"
rootpw {password}
directory {dir}/data
index objectClass eq
index uid eq
access to attrs=userPassword by self read by anonymous auth by * none
access to * by dn.exact="{bind}" read by self read by * none
"""


def person(uid, name, number, unit, *, manager=None, mail=None, mobile=None, title=None):
    entry = {
        "objectClass": [b"inetOrgPerson"],
        "uid": [uid.encode()],
        "cn": [name.encode()],
        "sn": [name[:1].encode()],
        "userPassword": [PASSWORD.encode()],
    }
    for key, value in (("employeeNumber", number), ("mail", mail), ("mobile", mobile), ("title", title),
                       ("manager", manager)):  # fmt: skip
        if value:
            entry[key] = [value.encode()]
    return f"uid={uid},{unit}", entry


def entries():
    """The company as its directory has it (刘洋's manager is 陈志强)."""
    units = [
        (f"ou={n},{p}", n)
        for n, p in (("星河测试", BASE), ("研发中心", ROOT), ("后端组", RD), ("销售部", ROOT))
    ]
    out = [(BASE, {"objectClass": [b"dcObject", b"organization"], "dc": [b"xinghe"], "o": [b"Xinghe"]})]
    out += [(f"cn=perfloop,{BASE}", {"objectClass": [b"organizationalRole", b"simpleSecurityObject"],
                                     "cn": [b"perfloop"], "userPassword": [BIND_PASSWORD.encode()]})]  # fmt: skip
    out += [(dn, {"objectClass": [b"organizationalUnit"], "ou": [name.encode()]}) for dn, name in units]
    out += [(f"ou=groups,{BASE}", {"objectClass": [b"organizationalUnit"], "ou": [b"groups"]})]
    chen = f"uid=chenzq,{RD}"
    out += [
        person("chenzq", "陈志强", "M0001", RD, mail="chenzq@xinghe.example", title="研发总监"),
        person(
            "liuyang",
            "刘洋",
            "E0001",
            BACKEND,
            manager=chen,
            mail="liuyang@xinghe.example",
            mobile="13800000001",
            title="后端工程师",
        ),  # fmt: skip
        person("wangfang", "王芳", "H0001", ROOT, mail="wangfang@xinghe.example", title="HRBP"),
        person("zhao", "赵敏", "S0001", SALES, mail="zhaomin@xinghe.example"),
        person("stranger", "陌生人", "X9999", SALES),  # in the directory, not in PerfLoop
    ]
    out += [(HR_GROUP, {"objectClass": [b"groupOfNames"], "cn": [b"perfloop-hr"],
                        "member": [f"uid=wangfang,{ROOT}".encode()]})]  # fmt: skip
    return out


class Slapd:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="slapd-"))
        (self.dir / "data").mkdir()
        (self.dir / "slapd.conf").write_text(CONFIG.format(
            schema=SCHEMA, dir=self.dir, base=BASE, admin=ADMIN_DN, password=ADMIN_PASSWORD, bind=BIND_DN))  # fmt: skip
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"ldap://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [SLAPD, "-f", str(self.dir / "slapd.conf"), "-h", f"{self.url}/", "-d", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        for _ in range(100):
            try:
                self.admin().unbind_s()
                break
            except ldap.SERVER_DOWN:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"slapd did not start: {self.process.stderr.read1().decode()}")
        self.load()

    def admin(self):
        connection = ldap.initialize(self.url)
        connection.simple_bind_s(ADMIN_DN, ADMIN_PASSWORD)
        return connection

    def load(self):
        """The directory as `entries()` has it, whatever tests changed."""
        connection = self.admin()
        try:
            found = connection.search_s(BASE, ldap.SCOPE_SUBTREE, "(objectClass=*)", ["1.1"])
        except ldap.NO_SUCH_OBJECT:
            found = []
        for dn, _attrs in sorted(found, key=lambda f: -len(ldap.dn.str2dn(f[0]))):
            connection.delete_s(dn)
        for dn, entry in entries():
            connection.add_s(dn, ldap.modlist.addModlist(entry))
        connection.unbind_s()

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)
