"""Uploaded media on the local file system, with URLs built without urljoin."""

from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri


class MediaStorage(FileSystemStorage):
    def url(self, name):
        """What FileSystemStorage.url answers, without urllib's parsing of both halves.

        A page lists every rendition of every picture (a search page over 200 URLs),
        and urljoin was a tenth of its time. base_url always ends in "/" and a stored
        name never holds "..", so joining the two is plain concatenation.
        """
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL.")
        return self.base_url + filepath_to_uri(name).lstrip("/")
