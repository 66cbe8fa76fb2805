"""Send a test message to a group robot and print the service's answer; non-zero exit if refused."""

from django.core.management.base import BaseCommand, CommandError

from perfloop.notify import robots


class Command(BaseCommand):
    help = "Send a test message to a WeCom, DingTalk or Feishu group robot and print the service's answer."

    def add_arguments(self, parser):
        parser.add_argument("--channel", required=True, choices=sorted(robots.ROBOTS))
        parser.add_argument("--webhook", required=True)
        parser.add_argument("--secret", default="")

    def handle(self, *args, channel, webhook, secret, **options):
        if not webhook.startswith(("https://", "http://")):
            raise CommandError("The webhook must be an http(s) URL.")
        message = robots.Message(title="PerfLoop 绩效闭环", text="这是一条测试消息 / This is a test message.")
        answer = robots.post(channel, webhook, secret, message)
        line = (
            f"{channel}: HTTP {answer.status}, code {answer.code}, {answer.message} (tries: {answer.tries})"
        )
        if not answer.ok:
            raise CommandError(f"refused - {line}")
        self.stdout.write(f"sent - {line}")
