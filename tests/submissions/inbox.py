"""A real SMTP server for the tests that send mail."""

import mailbox
import socket
import subprocess
import sys
import time


def free_port():
    """A port nothing listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """A real SMTP server (aiosmtpd's, in a process of its own) delivering into a maildir.

    Its own process and folder: aiosmtpd imports the `atpublic` package as `public`, which
    inside the project would be our public app.
    """

    def __init__(self, folder, port=None):
        self.folder = folder
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(folder / "maildir")],
            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                assert time.monotonic() < deadline, "the SMTP server did not start"
                time.sleep(0.1)

    @property
    def messages(self):
        maildir = self.folder / "maildir"
        if not maildir.exists():
            return []
        return [(message["X-RcptTo"].split(", "), message)
                for message in sorted(mailbox.Maildir(maildir, create=False), key=lambda m: m["Date"])]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
