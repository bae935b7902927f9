"""The lake: where the Parquet datasets and the raw store live, a local folder or an S3 prefix.

A lake is named by a folder path or by `s3://bucket/prefix`. On S3 the endpoint, region and
credentials come from the standard AWS variables of the environment mapping the caller
passes in (the caller reads `os.environ`, nothing here does):

    AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL    an S3-compatible server, e.g. http://127.0.0.1:9000
    AWS_REGION or AWS_DEFAULT_REGION           the region
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   the key (else the AWS SDK's usual chain applies)
    AWS_SESSION_TOKEN                          with temporary keys

pyarrow's `S3FileSystem()` ignores AWS_ENDPOINT_URL (only `FileSystem.from_uri` honours it),
so the endpoint is passed explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

from transforms.errors import EdureportsError

S3_SCHEME = "s3://"


class LakeError(EdureportsError, ValueError):
    """A lake location that cannot be used (unknown scheme, no bucket)."""


@dataclass(frozen=True)
class Lake:
    """A filesystem and the base path of the lake on it."""

    filesystem: pafs.FileSystem
    """Local filesystem, or S3."""
    base: str
    """Absolute folder on the local filesystem, or `bucket/prefix` on S3."""

    @property
    def is_local(self) -> bool:
        """Whether the lake is a folder on this machine."""
        return isinstance(self.filesystem, pafs.LocalFileSystem)

    def path(self, *parts: str) -> str:
        """The path of `parts` below the base, as the filesystem names it."""
        return "/".join([self.base.rstrip("/"), *parts])

    def uri(self, *parts: str) -> str:
        """The path of `parts` as a user would type it (a folder, or s3://…)."""
        return self.path(*parts) if self.is_local else S3_SCHEME + self.path(*parts)

    def exists(self, *parts: str) -> bool:
        """Whether a file, folder or (on S3) any object below that prefix exists."""
        info = self.filesystem.get_file_info(self.path(*parts))
        return bool(info.type != pafs.FileType.NotFound)


def check_location(location: str) -> str:
    """The location unchanged if it names a usable lake; LakeError otherwise."""
    if location.startswith(S3_SCHEME):
        if not location[len(S3_SCHEME) :].split("/")[0]:
            raise LakeError(f"lake {location!r}: an S3 location needs a bucket, s3://bucket/prefix")
    elif "://" in location:
        raise LakeError(f"lake {location!r}: only a folder or s3://bucket/prefix is supported")
    return location


def open_lake(location: str | Path, env: Mapping[str, str]) -> Lake:
    """The lake at a folder or s3://bucket/prefix; S3 settings from the AWS_* entries of env."""
    location = check_location(str(location))
    if location.startswith(S3_SCHEME):
        return Lake(s3_filesystem(env), location[len(S3_SCHEME) :].strip("/"))
    return Lake(pafs.LocalFileSystem(), str(Path(location).expanduser().resolve()))


def s3_filesystem(env: Mapping[str, str]) -> pafs.S3FileSystem:
    """An S3 filesystem configured from the standard AWS variables in env."""
    options: dict[str, str] = {}
    endpoint = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
    if endpoint:
        options["endpoint_override"] = endpoint
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
    if region:
        options["region"] = region
    if env.get("AWS_ACCESS_KEY_ID") and env.get("AWS_SECRET_ACCESS_KEY"):
        options["access_key"] = env["AWS_ACCESS_KEY_ID"]
        options["secret_key"] = env["AWS_SECRET_ACCESS_KEY"]
        if env.get("AWS_SESSION_TOKEN"):
            options["session_token"] = env["AWS_SESSION_TOKEN"]
    return pafs.S3FileSystem(**options)
