"""The catalogue: the national template's ten tables, the classifications and the glossary.

Everything here is data (files in `data/`), loaded lazily and cached; the code only reads it.
"""

from juesuan.catalogue.classification import (
    Classification,
    economic_classification,
    functional_classification,
    load_classification_csv,
)
from juesuan.catalogue.glossary import GlossaryEntry, standard_glossary
from juesuan.catalogue.tables import NO_DATA_NOTE, TableDefinition, definition_for_title, table_definitions

__all__ = [
    "NO_DATA_NOTE",
    "Classification",
    "GlossaryEntry",
    "TableDefinition",
    "definition_for_title",
    "economic_classification",
    "functional_classification",
    "load_classification_csv",
    "standard_glossary",
    "table_definitions",
]
