"""Spiders of the fupin Scrapy project (one, config-driven: ``news``)."""
