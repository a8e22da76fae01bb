"""The input limits, in one place: what a reader accepts before it starts work, and what it
says when a file goes past a limit.

Each `Limit` is the largest value accepted and its refusal: one Chinese line saying what is wrong
and what to do, the file named at its end (``…：报告.pdf``). The values sit far above what real
disclosures have (measured on the sample PDFs and the built example package; see docs/limits.md)
and far below what costs a reader minutes or gigabytes. Readers import the `MAX_*` names below
(tests set them lower) and build the refusal with `Limit.refused`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from juesuan.sources import SourceError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """The largest value accepted, and the refusal when it is passed.

    `message` is a template with ``{found}`` (what the file has) and ``{limit}``; both are shown
    divided by `scale` (bytes as MB)."""

    value: int
    message: str
    scale: int = 1

    def said(self, found: int = 0, limit: int | None = None, **words: object) -> str:
        """The message with the figures (and any other `words` the template names)."""
        limit = self.value if limit is None else limit
        return self.message.format(found=found // self.scale, limit=limit // self.scale, **words)

    def refused(
        self, name: str = "", found: int = 0, limit: int | None = None, **words: object
    ) -> SourceError:
        """The SourceError to raise: the message with the figures, the file's name at its end."""
        from juesuan.sources import SourceError

        said = self.said(found, limit, **words)
        return SourceError(f"{said}：{name}" if name else said)


# --- every file --------------------------------------------------------------------------------

FILE_BYTES = Limit(  # a disclosure PDF is about 1 MB, a built workbook 100 KB
    100 * MB, "文件过大（{found} MB），上限为 {limit} MB", scale=MB
)

# --- zip: .xlsx, .docx and input packages ------------------------------------------------------

UNZIPPED_BYTES = Limit(  # a built .xlsx unpacks to about 1 MB, a .docx to 2 MB
    200 * MB,
    "压缩包解压后达 {found} MB，超过上限 {limit} MB，疑似恶意文件，拒绝读取；请检查文件来源",
    scale=MB,
)
ZIP_RATIO = Limit(  # Office XML packs about 10 to 1; a larger ratio over more than 1 MB is a zip bomb
    100, "压缩包的压缩比过高（{found} 倍，上限为 {limit} 倍），疑似恶意文件，拒绝读取；请检查文件来源"
)
ZIP_RATIO_FLOOR = 1 * MB  # the ratio is not asked of a zip that unpacks to less
OFFICE_PARTS = Limit(  # a workbook of 200 sheets has about 1,000 parts
    5000,
    "Office 文件内有 {found} 个部件，超过上限 {limit}，文件可能已损坏或被篡改；请用 Word 或 Excel 重新保存",
)
PACKAGE_ENTRIES = Limit(  # an input package holds two files
    1000, "压缩包内有 {found} 个文件，超过上限 {limit}，拒绝读取；输入包只需“决算表.xlsx”和“单位信息.yaml”"
)

# --- XML inside .xlsx and .docx (checked by a streaming pre-scan before openpyxl / python-docx) ---

XML_DOCTYPE = Limit(  # Office XML never declares a DOCTYPE; entities are how a “billion laughs” expands
    0, "文件中的 XML 含有文档类型或实体声明（DOCTYPE/ENTITY），Office 文件从不含有，疑似恶意文件，拒绝读取"
)
XML_DEPTH = Limit(  # a Word table cell inside a text box nests about 30 levels
    100, "文件中的 XML 嵌套超过 {limit} 层，文件可能已损坏或被篡改，拒绝读取；请用 Word 或 Excel 重新保存"
)
XML_ELEMENTS = Limit(  # the built example's workbook has 11,000 elements, its .docx 54,000; a sheet of a
    # million cells (2.1 million elements) took openpyxl 30-100 s before this limit refused it
    1_000_000,
    "文件中的 XML 元素超过 {limit} 个，远超决算公开文件的规模，拒绝读取；请只保留决算公开的内容",
)

# --- PDF ---------------------------------------------------------------------------------------

PDF_PAGES = Limit(500, "PDF 页数过多（{found} 页），上限为 {limit} 页")  # a disclosure has 20 to 80 pages
PDF_PAGE_CHARS = Limit(  # the densest real page has 3,500 characters
    50_000, "PDF 第{found}页的字符超过 {limit} 个，不像决算公开的页面，拒绝读取；请检查文件是否完整"
)
PDF_STREAM_BYTES = Limit(  # the largest stream of the real samples inflates to 1.3 MB
    64 * MB,
    "PDF 中有一个压缩数据流解压后超过 {limit} MB，疑似恶意文件（压缩炸弹），拒绝读取；请检查文件来源",
    scale=MB,
)
PDF_STREAMS_TOTAL = Limit(  # the real samples inflate to at most 6.4 MB in all
    256 * MB,
    "PDF 的压缩数据流解压后合计超过 {limit} MB，疑似恶意文件（压缩炸弹），拒绝读取；请检查文件来源",
    scale=MB,
)

# --- spreadsheets and Word tables ---------------------------------------------------------------

SHEETS = Limit(200, "工作簿有 {found} 张工作表，超过上限 {limit}；请只保留决算公开的工作表")
SHEET_ROWS = Limit(  # the longest table (公开05表 at 项 level) has a few hundred rows
    100_000, "工作表“{sheet}”超过 {limit} 行，拒绝读取；请删去决算公开以外的数据"
)
SHEET_COLUMNS = 64  # columns read of a sheet (a window, not a refusal): the widest table has 12
ROW_CELLS = Limit(  # grid columns of one Word table row; Word itself allows 63
    1000, "Word 文件的表格行超过 {limit} 列（合并单元格的跨度异常），文件可能已损坏"
)

# --- layout text, and the tables every reader's lines go through --------------------------------

TEXT_LINES = Limit(  # a disclosure has one to three thousand lines; 100,000 take the reader 4 s
    100_000, "文本有 {found} 行，超过上限 {limit} 行，不像一份决算公开文件；请只提交一个单位的决算公开"
)
LINE_CHARS = Limit(  # the longest paragraph of a disclosure has a few thousand characters
    20_000, "{where}超过 {limit} 个字符，不像决算公开的内容，拒绝读取；请检查文件是否完整"
)
TABLE_ROWS = Limit(  # 公开05表 at 项 level has a few hundred rows
    5000, "{table}有 {found} 行，超过上限 {limit} 行，不像决算公开表，拒绝读取；请检查表格是否重复或粘贴错误"
)
TABLE_CELLS = Limit(  # the widest layout (公开04表 and 06表 side by side) has about 14 cells a row
    200, "{table}中有一行含 {found} 个单元格，超过上限 {limit}，不像决算公开表，拒绝读取；请检查文件是否完整"
)
NUMBER_DIGITS = Limit(  # 10^16 万元 is more than the world's GDP; a longer figure is no amount, and
    # past Decimal's 28 digits of precision sums would be rounded. Not a refusal: the cell is a problem.
    20,
    "“{text}”有 {found} 位数字，超过上限 {limit} 位，不是金额，未读取",
)

# The names the readers (and tests) use for the values.
MAX_FILE_BYTES = FILE_BYTES.value
MAX_UNZIPPED_BYTES = UNZIPPED_BYTES.value
MAX_ZIP_RATIO = ZIP_RATIO.value
MAX_PAGES = PDF_PAGES.value
MAX_ROW_CELLS = ROW_CELLS.value
MAX_SHEETS = SHEETS.value
MAX_ROWS = SHEET_ROWS.value
MAX_COLUMNS = SHEET_COLUMNS
MAX_ENTRIES = PACKAGE_ENTRIES.value
MAX_TEXT_LINES = TEXT_LINES.value
MAX_LINE_CHARS = LINE_CHARS.value
MAX_TABLE_ROWS = TABLE_ROWS.value
MAX_TABLE_CELLS = TABLE_CELLS.value
MAX_NUMBER_DIGITS = NUMBER_DIGITS.value
