"""fupin: news mining for China's employment-based poverty alleviation.

Layout: ``crawler`` (Scrapy project), ``extract`` (text -> facts and officials),
``corpus`` (the DuckDB store, reconciliation, the feed). ``cli`` is the ``fupin``
command.
"""

__version__ = "0.2.0"
