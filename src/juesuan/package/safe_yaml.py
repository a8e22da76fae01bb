"""单位信息.yaml as plain data: every scalar kept as the text written, with its line number.

No YAML type guessing: ``825.44`` stays the text "825.44" (never a float), ``201`` stays "201",
``否`` and ``no`` stay words. Mappings refuse duplicate keys; the values carry their lines so
that an unknown key or a bad number is reported where it was written.

Hostile files are refused before they cost memory or time, each limit with its own message:
size (`MAX_YAML_BYTES`), aliases (`MAX_ALIASES`: a “billion laughs” nests aliases to multiply
the content, a recursive one never ends), nesting (`MAX_DEPTH`) and text length (`MAX_TEXT_CHARS`).
"""

from __future__ import annotations

from functools import cache

from juesuan.encoding import decode_text
from juesuan.sources import SourceError

MAX_YAML_BYTES = 1024 * 1024  # a filled-in 单位信息.yaml is a few tens of KB
MAX_ALIASES = 0  # 单位信息 never needs “*引用”; the conversion copies what an alias points to
MAX_DEPTH = 50  # the template nests four levels
MAX_TEXT_CHARS = 10_000  # the longest paragraph of a disclosure is a few thousand characters

# PyYAML's problems, in the words a finance officer reads (the most common first).
_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现“: ”（含冒号的文字请整体加引号）"),
    ("could not find expected ':'", "缺少“:”，或上一行的引号没有闭合"),
    ("cannot start any token", "含有不能出现在开头的字符（如 Tab、@、`；缩进请用空格，文字可加引号）"),
    ("expected <block end>", "缩进不一致（同一层的键应对齐，缩进请用空格）"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("found undefined alias", "引用了未定义的锚点（*）"),
    ("expected a single document", "只能有一个文档（请删去多余的“---”）"),
    ("block sequence entries are not allowed", "此处不能出现列表项“- ”（检查缩进）"),
    ("sequence entries are not allowed", "此处不能出现列表项“- ”（检查缩进）"),
    ("mapping keys are not allowed", "此处不能出现“? ”（含问号的文字请整体加引号）"),
    ("found unknown escape character", "双引号中的“\\”后是无效的转义（可改用单引号）"),
    ("expected escape sequence", "双引号中的“\\”后是无效的转义（可改用单引号）"),
    ("expected alphabetic or numeric character", "以“&”“*”“!”开头的文字请整体加引号"),
    ("found undefined tag handle", "以“!”开头的文字请整体加引号"),
    ("expected ',' or ']'", "方括号“[ ]”没有配对（含方括号的文字请整体加引号）"),
    ("expected ',' or '}'", "花括号“{ }”没有配对（含花括号的文字请整体加引号）"),
    ("found unexpected document separator", "引号中出现了“---”或“...”"),
    ("found duplicate anchor", "锚点（&）重复"),
)
_UNKNOWN_PROBLEM = "无法解析（检查此处的冒号、引号、缩进和括号；含特殊符号的文字可整体加引号）"


class Text(str):
    """A scalar as written, with the line it is on (1-based)."""

    line: int = 0

    @classmethod
    def at(cls, value: str, line: int) -> Text:
        text = cls(value)
        text.line = line
        return text


class Mapping(dict):
    """A YAML mapping of text keys, with its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def key_line(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Items(list):
    """A YAML list, with the line it starts on."""

    line: int = 0


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or GB18030/GBK, as Windows editors save it."""
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise SourceError(f"{name}：无法识别文本编码（应为 UTF-8 或 GBK）") from None


def load_yaml(data: bytes, name: str) -> Mapping:
    """The document's top mapping; SourceError (with the line) when it is not valid YAML or
    goes past a limit."""
    import yaml

    if len(data) > MAX_YAML_BYTES:
        size, limit = len(data) // 1024, MAX_YAML_BYTES // 1024
        raise SourceError(f"{name}：文件过大（{size} KB），上限为 {limit} KB，请只填写模板中的内容")
    text = decode(data, name)
    try:
        node = yaml.compose(text, Loader=_loader())
    except _Refused as refused:
        raise SourceError(f"{name} 第{refused.line}行：{refused.words}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise SourceError(f"{name} 第{line}行：格式有误（{_problem(error)}）") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, max(error.position, 0)) + 1
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        raise SourceError(f"{name} 第{line}行：格式有误（含有不能使用的控制字符 {code}，请删去）") from None
    except (yaml.YAMLError, RecursionError, MemoryError):
        raise SourceError(f"{name}：格式有误，无法解析（{_UNKNOWN_PROBLEM}）") from None
    if node is None:
        raise SourceError(f"{name}：文件是空的，请按模板填写")
    value = _convert(node, name)
    if not isinstance(value, Mapping):
        raise SourceError(f"{name} 第{value.line}行：文件应由“键: 值”组成（如“单位:”），而不是单个值或列表")
    return value


class _Refused(Exception):
    """A limit passed while composing: the line and the words."""

    def __init__(self, line: int, words: str) -> None:
        super().__init__(words)
        self.line, self.words = line, words


@cache
def _loader() -> type:
    """A SafeLoader that resolves no implicit types (every plain scalar is text) and stops at
    the limits on aliases, nesting and text length while it composes, before any copying."""
    import yaml

    class Loader(yaml.SafeLoader):
        yaml_implicit_resolvers: dict = {}  # noqa: RUF012  (class attribute read by PyYAML)

        def __init__(self, stream) -> None:
            super().__init__(stream)
            self.aliases = self.depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _Refused(
                        line, "不支持锚点引用（“*名称”），请直接写出内容；以“*”开头的文字请整体加引号"
                    )
            if self.depth >= MAX_DEPTH:
                raise _Refused(line, f"嵌套超过 {MAX_DEPTH} 层，请按模板的层次填写")
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def compose_scalar_node(self, anchor):
            event = self.peek_event()
            if len(event.value) > MAX_TEXT_CHARS:
                line = event.start_mark.line + 1
                raise _Refused(line, f"文字过长（{len(event.value)} 字），每项上限为 {MAX_TEXT_CHARS} 字")
            return super().compose_scalar_node(anchor)

    return Loader


def _problem(error: Exception) -> str:
    problem = str(getattr(error, "problem", "") or "")
    return next((words for found, words in _PROBLEMS if found in problem), _UNKNOWN_PROBLEM)


def _convert(node, name: str) -> Text | Mapping | Items:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return Text.at(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        items = Items(_convert(child, name) for child in node.value)
        items.line = line
        return items
    return _mapping(node, name)


def _mapping(node, name: str) -> Mapping:
    import yaml

    mapping = Mapping()
    mapping.line, mapping.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(f"{name} 第{line}行：键必须是文字")
        key = key_node.value.strip()
        if key in mapping:
            raise SourceError(f"{name} 第{line}行：键“{key}”重复（第{mapping.key_lines[key]}行已有）")
        mapping[key] = _convert(value_node, name)
        mapping.key_lines[key] = line
    return mapping
