"""Imported by the forkserver of ``extract_articles(workers=N)``: loads extraction once.

Workers fork from the forkserver, so what this import loads (spaCy, both pipelines,
jieba's dictionaries and POS tagger, OpenCC, the gazetteer) is there in every worker
from the start, in memory pages the workers share until they write to them. Without
it each worker spends seconds loading the same things before its first article.
"""

from fupin.extract.extractor import Extractor, warm_up

for _officials in (True, False):
    warm_up(Extractor(officials=_officials))
