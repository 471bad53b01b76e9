"""nghiquyet: Vietnamese articles about the Party's regional resolutions -> a MkDocs site.

The pipeline (see pipeline.py) reads every corpus file, cleans it, extracts its metadata into
an `Article`, indexes all articles together with the catalogue, and only then writes pages.
"""

__version__ = "0.1.0"
