"""The serialisation format of backups ("vardejsonl"): JSON Lines, with fields as the database holds
them. Django's loader reads such a file a line at a time, so a restore of the national set holds one
row in memory, not two gigabytes of JSON (docs/performance.md)."""

from django.core.serializers import jsonl

from .backup import AsStored


class Serializer(AsStored, jsonl.Serializer):
    pass


Deserializer = jsonl.Deserializer
