"""`path__under="/1/4/"`: a materialised path at or below a prefix, served by an index on every database.

PostgreSQL answers `LIKE '/1/4/%'` from the pattern index Django adds beside a CharField's index.
SQLite never uses an index for LIKE on a case-sensitive column (and not with ESCAPE), so there it
becomes the range `path >= '/1/4/' AND path < '/1/40'`: paths hold digits and slashes only, and
every path under the prefix sorts between the prefix and the prefix with its last "/" raised to "0".
"""

from django.db.models import Lookup
from django.db.models.lookups import StartsWith


class Under(Lookup):
    lookup_name = "under"

    def as_sql(self, compiler, connection):
        return compiler.compile(StartsWith(self.lhs, self.rhs))

    def as_sqlite(self, compiler, connection):
        if not (self.rhs_is_direct_value() and isinstance(self.rhs, str) and self.rhs):
            return self.as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        upper = self.rhs[:-1] + chr(ord(self.rhs[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", (*params, self.rhs, upper)
