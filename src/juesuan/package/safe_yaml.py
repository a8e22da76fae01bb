"""单位信息.yaml as plain data: every scalar kept as the text written, with its line number.

No YAML type guessing: ``825.44`` stays the text "825.44" (never a float), ``201`` stays "201",
``否`` and ``no`` stay words. Mappings refuse duplicate keys; the values carry their lines so
that an unknown key or a bad number is reported where it was written.
"""

from __future__ import annotations

from functools import cache

from juesuan.encoding import decode_text
from juesuan.sources import SourceError

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
)


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
    """The document's top mapping; SourceError (with the line) when it is not valid YAML."""
    import yaml

    try:
        node = yaml.compose(decode(data, name), Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise SourceError(f"{name} 第{line}行：YAML 格式有误，{_problem(error)}") from None
    except yaml.YAMLError as error:
        raise SourceError(f"{name}：YAML 格式有误（{error}）") from None
    if node is None:
        raise SourceError(f"{name}：文件是空的，请按模板填写")
    value = _convert(node, name)
    if not isinstance(value, Mapping):
        raise SourceError(f"{name} 第{value.line}行：文件应由“键: 值”组成（如“单位:”），而不是单个值或列表")
    return value


@cache
def _loader() -> type:
    """A SafeLoader that resolves no implicit types: every plain scalar is text."""
    import yaml

    class Loader(yaml.SafeLoader):
        yaml_implicit_resolvers: dict = {}  # noqa: RUF012  (class attribute read by PyYAML)

    return Loader


def _problem(error: Exception) -> str:
    problem = str(getattr(error, "problem", "") or "")
    return next((words for found, words in _PROBLEMS if found in problem), f"无法解析（{problem}）")


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
