"""Where the raw layer lies (原始层位置): a local folder, or a prefix on S3-compatible storage.

A local raw layer is a :class:`~pathlib.Path`, written as before (staging folder, then rename).
:class:`S3Raw` is the raw layer under ``s3://<bucket>/<prefix>`` on AWS S3 or any store that
speaks its API (MinIO, Ceph, moto's server in the tests), through ``s3fs`` (the
``distributed`` extra). Each record file is one object written by one upload: a reader sees
the previous object or the new one, never part of one, which is what the local rename gives.

Credentials and region are the standard ``AWS_*`` variables (or ``~/.aws``), read by
botocore; the endpoint is given here, or by ``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

S3_SCHEME = "s3://"


@dataclass(frozen=True, slots=True)
class S3Raw:
    """The raw layer under ``url`` (``s3://bucket/prefix``), at ``endpoint`` when given."""

    url: str
    endpoint: str | None = None

    def __post_init__(self) -> None:
        if not self.url.startswith(S3_SCHEME) or not self.url[len(S3_SCHEME) :].strip("/"):
            raise ValueError(f"not an s3://bucket[/prefix] URL: {self.url!r}")
        object.__setattr__(self, "url", self.url.rstrip("/"))

    @property
    def root(self) -> str:
        """``bucket/prefix``, as s3fs names objects."""
        return self.url[len(S3_SCHEME) :]

    def key(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def url_of(self, relative: str) -> str:
        return f"{self.url}/{relative}"

    def filesystem(self) -> Any:
        """The s3fs filesystem of this endpoint (one per process and endpoint)."""
        return _filesystem(self.endpoint)

    def write_table(self, relative: str, table: pa.Table) -> str:
        """Replace the object at ``relative`` with ``table`` as Parquet, in one upload."""
        import pyarrow.parquet as pq

        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        self.filesystem().pipe_file(self.key(relative), buffer.getvalue())
        return self.url_of(relative)

    def read_table(self, relative: str) -> pa.Table | None:
        """The table at ``relative``, or None when there is no such object."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            data = self.filesystem().cat_file(self.key(relative))
        except FileNotFoundError:
            return None
        return pq.read_table(pa.BufferReader(data))

    def exists(self, relative: str) -> bool:
        return bool(self.filesystem().exists(self.key(relative)))

    def file_digests(self) -> dict[str, bytes]:
        """The sha256 of every object under the prefix, by its relative path, sorted."""
        fs = self.filesystem()
        digests = {}
        for key in sorted(fs.find(self.root)):
            relative = key[len(self.root) + 1 :]
            digests[relative] = hashlib.sha256(fs.cat_file(key)).digest()
        return digests


# The raw layer a writer or reader is given: a local folder, or a prefix on S3.
RawDir = Path | S3Raw


def raw_location(location: str | Path, endpoint: str | None = None) -> RawDir:
    """An ``s3://`` URL as :class:`S3Raw`, anything else as a local folder."""
    text = str(location)
    if text.startswith(S3_SCHEME):
        return S3Raw(text, endpoint or None)
    return Path(text)


@functools.cache
def _filesystem(endpoint: str | None) -> Any:
    try:
        import s3fs
    except ImportError as error:  # pragma: no cover - the distributed extra is not installed
        raise RuntimeError("a raw layer on S3 needs s3fs: install juesuan[distributed]") from error
    # No listing cache: whether a record file exists is asked of the store every time.
    options: dict[str, Any] = {"use_listings_cache": False, "skip_instance_cache": True}
    if endpoint:
        options["endpoint_url"] = endpoint
    return s3fs.S3FileSystem(**options)
