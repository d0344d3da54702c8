"""Tests for kg.ingest: finding inputs, decoding, HTML text extraction and board-page metadata."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    NotAReleaseError,
    TooLongInputError,
)
from kg.ingest.html import html_text
from kg.ingest.release import (
    MAX_TEXT_CHARS,
    decode,
    find_inputs,
    parse_release_text,
    read_release,
)
from kg.model import Span

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "gb-2023-07-14-ai-seminar.txt"
FIXTURES = Path(__file__).parent / "fixtures"
BOARD_HTML = FIXTURES / "board_page.html"
BOARD_HTML_CP949 = FIXTURES / "board_page_cp949.html"
NO_SENTENCE = (
    "no Korean sentence in the body (3 or more Korean words with 10 or more Hangul syllables, "
    "ending in . ? ! or 다); give the text of a Korean press release or news article"
)
NOT_A_RELEASE = FIXTURES / "not_a_release.html"
DEV_CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "dev"

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"

# An invented board page in the text format of the bundled example.
BOARD_TEXT = """본문 바로가기
인쇄

보도자료

새봄군, 청년 창업 지원센터 문 열어
부서명
일자리경제국 청년정책과
전화번호
041-555-0177
작성자
성춘향
작성일
2024-05-02 10:05:00
조회수
42
- 창업 공간 20실 무료 제공 -
새봄군은 2일 청년 창업 지원센터 개소식을 열었다고 밝혔다.

이몽룡 센터장은 "청년들의 도전을 돕겠다"라고 말했다.
{licence}
담당부서 :
새봄군청
담당자
"""


def board_text(licence: str = "") -> str:
    return BOARD_TEXT.format(licence=licence)


# --- the bundled example ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return read_release(str(EXAMPLE))


def test_example_text_is_the_file_text(example):
    assert example.text == EXAMPLE.read_text(encoding="utf-8")
    assert example.offset_map is None


def test_example_metadata(example):
    assert example.title == "경북형 초거대 인공지능(AI) 지역생태계 조성 국회세미나 개최"
    assert example.subtitles == [
        "지역혁신을 위한 초거대 인공지능(AI) 기반 및 생태계 조성방안 주제발표 및 토론",
        "초거대 인공지능(AI) 대표기업, 전문가들 한자리. 지역 특화형 초거대 인공지능(AI) 모델 제시",
    ]
    assert example.department == ["메타버스과학국", "4차산업기반과"]
    assert example.phone == "054-880-2481"
    assert example.author == "김초혜"
    assert example.published == datetime(2023, 7, 14, 14, 44, 42)
    assert example.views == 259
    assert example.images == ["2.AI_인프라_및_생태계_조성_국회_세미나3.jpg"]
    assert example.publisher == "경상북도"
    assert example.license == "공공누리 제3유형 (출처표시 + 변경금지)"


def test_example_author_span(example):
    span = example.author_span
    assert example.text[span.start : span.end] == "김초혜"


def test_example_body_stops_before_licence(example):
    body = example.body_text
    assert body.startswith("경상북도는 14일")
    assert body.endswith("라고 밝혔다.")
    assert "공공누리" not in body
    assert ".jpg" not in body


# --- HTML ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def board():
    return read_release(str(BOARD_HTML))


def test_html_board_metadata(board):
    assert board.title == "한빛도, 스마트팜 실증단지 준공식 개최"
    assert board.subtitles == [
        "첨단 온실 12동과 데이터 센터 갖춘 실증단지, 청년농 교육 거점으로",
        "도내 농가 & 기업 30곳 참여 … 연 2천 톤 생산 목표",
    ]
    assert board.department == ["농축산국", "스마트농업과"]
    assert board.phone == "041-555-0142"
    assert board.author == "홍길동"
    assert board.text[board.author_span.start : board.author_span.end] == "홍길동"
    assert board.published == datetime(2024, 3, 15, 9, 30)
    assert board.views == 1024
    assert board.images == ["스마트팜_실증단지_준공식.jpg"]
    assert board.license == "공공누리 제1유형 (출처표시)"
    assert board.publisher == "한빛도"


def test_html_board_body(board):
    body = board.body_text
    assert body.startswith("한빛도는 15일 새봄군 들녘면")
    assert body.endswith('"현장에서 검증된 기술을 도내 농가에 빠르게 보급하겠다"라고 밝혔다.')
    assert "연구개발(R&D) 성과" in body
    assert "온도·습도·이산화탄소" in body
    assert "첨부파일" not in body


def test_html_drops_head_script_style_noscript(board):
    assert "boardName" not in board.text  # <script>
    assert "width: 120px" not in board.text  # <style>
    assert "자바스크립트" not in board.text  # <noscript>
    assert "상세보기 | 한빛도청" not in board.text  # <title> in <head>


def test_html_metadata_table_row_becomes_label_and_value_lines(board):
    assert "\n부서명\n농축산국 스마트농업과\n전화번호\n041-555-0142\n" in board.text


def assert_maps_to_source(text: str, offset_map: list[int], source: str) -> None:
    assert len(offset_map) == len(text)
    assert offset_map == sorted(offset_map)
    for i, char in enumerate(text):
        at = offset_map[i]
        if source[at] == char:
            continue
        if source[at] == "&":  # a character reference: the char is in its expansion
            reference = re.match(r"&#?\w+;?", source[at:]).group()
            assert char in html.unescape(reference), (i, char, reference)
        else:  # a collapsed space, or a line break at a tag's '<' or '>'
            assert char.isspace() and (source[at].isspace() or source[at] in "<>"), (i, char)


def test_html_offset_map_points_into_source(board):
    source = BOARD_HTML.read_text(encoding="utf-8")
    assert_maps_to_source(board.text, board.offset_map, source)
    start = board.source_offset(board.author_span.start)
    assert source[start : start + 3] == "홍길동"
    body_start = board.source_offset(board.body.start)
    assert source[body_start:].startswith("한빛도는 15일")


def test_html_text_small_page():
    source = "<p>A &amp; B</p>\n<div>  C\n D </div><br>E"
    text, offset_map = html_text(source)
    assert text == "A & B\nC D\nE"
    assert offset_map == [3, 4, 5, 10, 11, 12, 24, 25, 27, 29, 39]


def test_html_image_alt_file_name_becomes_a_line():
    source = "<p>사진<img data-alt='x.png' alt='현장 &amp; 전경&#46;jpg'>설명</p>"
    text, offset_map = html_text(source)
    assert text == "사진\n현장 & 전경.jpg\n설명"
    assert_maps_to_source(text, offset_map, source)
    assert html_text("<img alt='도청 전경 사진'>")[0] == ""  # a description, not a file name


@given(st.text(alphabet=st.sampled_from("가나다 \t\n<>&;'\"#abc1"), max_size=40))
def test_html_text_recovers_escaped_paragraph(content):
    source = f"<p>{html.escape(content)}</p>"
    text, offset_map = html_text(source)
    assert text == " ".join(content.split())
    assert_maps_to_source(text, offset_map, source)


# --- encodings -------------------------------------------------------------------------------


def test_cp949_html_gives_the_same_release_as_utf8(board):
    cp949 = read_release(str(BOARD_HTML_CP949))
    assert cp949.text == board.text
    assert (cp949.title, cp949.author, cp949.body_text) == (board.title, "홍길동", board.body_text)


def test_utf8_and_cp949_text_files_decode_to_the_same_text(tmp_path):
    text = board_text()
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "cp949.txt").write_bytes(text.encode("cp949"))
    utf8 = read_release(str(tmp_path / "utf8.txt"))
    cp949 = read_release(str(tmp_path / "cp949.txt"))
    assert utf8.text == cp949.text == text
    assert cp949.title == "새봄군, 청년 창업 지원센터 문 열어"
    assert cp949.author == "성춘향"


def test_euc_kr_bytes_decode_as_cp949():
    assert decode("x.txt", "보도자료 새봄군".encode("euc-kr")) == "보도자료 새봄군"


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    release = read_release(str(path))
    assert release.text == EXAMPLE.read_text(encoding="utf-8")
    assert release.author == "김초혜"


def test_crlf_is_kept_and_offsets_stay_valid():
    text = board_text().replace("\n", "\r\n")
    release = parse_release_text("crlf.txt", text)
    assert release.text == text
    assert release.title == "새봄군, 청년 창업 지원센터 문 열어"
    assert text[release.author_span.start : release.author_span.end] == "성춘향"
    assert release.body_text.endswith('"청년들의 도전을 돕겠다"라고 말했다.')


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_cut_in_the_middle_of_a_character_drops_that_character(bom):
    data = bom + "새봄군은 문을 열었다".encode()
    assert decode("cut.txt", data[:-1]) == "새봄군은 문을 열었"


@pytest.mark.parametrize("data", [b"", b" \r\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_or_whitespace_file(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError) as error:
        read_release(str(path))
    assert str(error.value) == (f"{path}: the file is empty; give a press release as .txt or .html")


@pytest.mark.parametrize("data", [PNG_BYTES, b"\x80\x80\x80\xff\xfe", b"abc\x01\x02def"])
def test_binary_file(tmp_path, data):
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryInputError) as error:
        read_release(str(path))
    assert str(error.value).startswith(f"{path}: not a text file")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_file_is_named_as_such(tmp_path, codec):
    path = tmp_path / "notepad.txt"
    bom = ("\ufeff" if codec == "utf-16-be" else "").encode(codec)
    path.write_bytes(bom + "보도자료".encode(codec))
    with pytest.raises(InputError) as error:
        read_release(str(path))
    assert str(error.value) == (
        f'{path}: UTF-16 text (Notepad\'s "Unicode"); save it as UTF-8 and run again'
    )


# --- inputs ----------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(MissingInputError) as error:
        find_inputs([missing])
    assert str(error.value) == f"{missing}: no such file or folder; check the path"
    with pytest.raises(MissingInputError):
        read_release(missing)


def test_folder_expansion(tmp_path):
    for name in [
        "b.txt",
        "a.html",
        "sub/c.htm",
        "sub/deeper/d.TXT",
        ".hidden.txt",
        ".git/e.txt",
        "a.gold.json",
        "notes.md",
        "photo.jpg",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    explicit = str(tmp_path / "notes.md")
    assert find_inputs([str(tmp_path), explicit, str(tmp_path / "b.txt")]) == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b.txt"),
        explicit,
        str(tmp_path / "sub" / "c.htm"),
        str(tmp_path / "sub" / "deeper" / "d.TXT"),
    ]


def test_folder_without_inputs(tmp_path):
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError) as error:
        find_inputs([str(tmp_path)])
    assert str(error.value) == f"{tmp_path}: no .txt, .html or .htm files in this folder"


# --- not a release ---------------------------------------------------------------------------


def test_english_404_page_is_not_a_release():
    with pytest.raises(NotAReleaseError) as error:
        read_release(str(NOT_A_RELEASE))
    assert str(error.value) == (f"{NOT_A_RELEASE}: not a press release: {NO_SENTENCE}")


def test_korean_login_page_is_not_a_release(tmp_path):
    path = tmp_path / "login.html"
    path.write_text(
        "<html><body><h1>로그인</h1><form><label>아이디</label><input name=id>"
        "<label>비밀번호</label><input type=password><button>로그인</button></form>"
        "<a href=/join>회원가입</a> | <a href=/find>아이디 찾기</a></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(NotAReleaseError):
        read_release(str(path))


# A board's list of releases: titles of three or more words (the old test took them for
# sentences), dates and view counts, no sentence. Invented titles, real public bodies.
BOARD_LIST_HTML = """<html><body>
<h2>보도자료</h2>
<table>
<tr><th>번호</th><th>제목</th><th>부서</th><th>등록일</th><th>조회수</th></tr>
<tr><td>103</td><td><a href="?id=103">새봄군 청년 창업 지원센터 개소식 개최 안내</a></td>
<td>청년정책과</td><td>2024-05-02</td><td>42</td></tr>
<tr><td>102</td><td><a href="?id=102">경상북도 초거대 인공지능 생태계 조성 협약 체결</a></td>
<td>미래산업과</td><td>2024-04-29</td><td>117</td></tr>
<tr><td>101</td>
<td><a href="?id=101">과학기술정보통신부 지역 디지털 혁신 거점 공모 선정 결과</a></td>
<td>정보통신과</td><td>2024-04-25</td><td>88</td></tr>
</table>
<p>이전 1 2 3 다음</p>
</body></html>
"""


def test_a_board_list_page_is_not_a_release(tmp_path):
    path = tmp_path / "list.html"
    path.write_text(BOARD_LIST_HTML, encoding="utf-8")
    with pytest.raises(NotAReleaseError) as error:
        read_release(str(path))
    assert str(error.value) == f"{path}: not a press release: {NO_SENTENCE}"


@pytest.mark.parametrize(
    "sentence",
    [
        "새봄군은 청년 창업 지원센터를 열었다고 밝혔다.",
        "새봄군은 청년 창업 지원센터를 열었다고 밝혔다",  # 다 at the end of the line
        '성춘향 군수는 "청년 창업을 끝까지 돕겠다"라고 말했다.',
        "청년 창업 지원센터는 누구나 이용할 수 있나요?",
    ],
)
def test_one_sentence_makes_a_body(sentence):
    release = parse_release_text("a.txt", f"새봄군 청년 창업 지원센터 개소\n{sentence}\n")
    assert release.body_text.endswith(sentence)


def test_a_text_over_the_limit_is_refused(tmp_path):
    # Was: spaCy's E088 traceback, which stopped a whole folder's build.
    sentence = "새봄군은 청년 창업 지원센터를 열었다고 밝혔다.\n"
    path = tmp_path / "huge.txt"
    path.write_text(sentence * (MAX_TEXT_CHARS // len(sentence) + 1), encoding="utf-8")
    length = len(path.read_text(encoding="utf-8"))
    assert length > MAX_TEXT_CHARS
    with pytest.raises(TooLongInputError) as error:
        read_release(str(path))
    assert str(error.value) == (
        f"{path}: too long to read: {length:,} characters of text, more than the 1,000,000 kg "
        "reads in one piece; split it into smaller files"
    )


def test_the_limit_counts_the_text_of_a_page_not_its_markup(tmp_path):
    markup = "<div class='x'></div>" * (MAX_TEXT_CHARS // 20)
    page = BOARD_HTML.read_text(encoding="utf-8").replace("</body>", markup + "</body>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert len(page) > MAX_TEXT_CHARS
    assert read_release(str(path)).author == read_release(str(BOARD_HTML)).author


def test_board_page_without_body_is_not_a_release():
    text = board_text().split("- 창업")[0]
    with pytest.raises(NotAReleaseError) as error:
        parse_release_text("empty-body.txt", text)
    assert str(error.value) == "empty-body.txt: not a press release: the body is empty"


# --- board text details ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "licence, expected",
    [
        ("이 게시물은 공공누리 제1유형(출처표시) 조건에 따라", "공공누리 제1유형 (출처표시)"),
        (
            "OPEN 공공누리 공공저작물 자유이용허락 2유형 : 출처표시, 상업적 이용금지",
            "공공누리 제2유형 (출처표시 + 상업적 이용금지)",
        ),
        ("공공누리 제3유형(출처표시 + 변경금지)", "공공누리 제3유형 (출처표시 + 변경금지)"),
        (
            "공공누리 제4유형(출처표시+상업적이용금지+변경금지)",
            "공공누리 제4유형 (출처표시 + 상업적 이용금지 + 변경금지)",
        ),
    ],
)
def test_kogl_licence_types(licence, expected):
    release = parse_release_text("kogl.txt", board_text(licence))
    assert release.license == expected
    assert release.body_text.endswith("말했다.")


def test_board_text_without_licence_ends_body_at_footer():
    release = parse_release_text("f.txt", board_text())
    assert release.license is None
    assert release.publisher == "새봄군"
    assert release.subtitles == ["창업 공간 20실 무료 제공"]
    assert release.body_text == (
        "새봄군은 2일 청년 창업 지원센터 개소식을 열었다고 밝혔다.\n\n"
        '이몽룡 센터장은 "청년들의 도전을 돕겠다"라고 말했다.'
    )


def test_board_text_without_footer_has_no_publisher():
    release = parse_release_text("nf.txt", board_text().split("담당부서")[0])
    assert release.publisher is None
    assert release.body_text.endswith("말했다.")


def test_plain_text_short_first_line_is_the_title():
    text = (
        "\n새봄군, 청년 창업 지원센터 개소\n\n새봄군은 2일 청년 창업 지원센터 개소식을 열었다.\n\n"
    )
    release = parse_release_text("plain.txt", text)
    assert release.title == "새봄군, 청년 창업 지원센터 개소"
    assert release.body == Span(1, len(text.rstrip()))
    assert release.author is None and release.department == [] and release.publisher is None


def test_plain_text_first_sentence_is_not_a_title():
    release = parse_release_text("plain.txt", "새봄군은 2일 청년 창업 지원센터 개소식을 열었다.\n")
    assert release.title is None


# --- the dev corpus (third-party texts; read in place, never copied) -------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="shared dev corpus not available")
def test_dev_corpus_texts_are_all_body():
    paths = find_inputs([str(DEV_CORPUS)])
    assert paths and all(path.endswith(".txt") for path in paths)
    for path in paths:
        release = read_release(path)
        text = release.text
        assert release.body == Span(len(text) - len(text.lstrip()), len(text.rstrip())), path
        assert release.author is None and release.published is None, path


def test_a_dangling_link_in_a_folder_is_an_input_that_fails_to_read(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    found = find_inputs([str(tmp_path)])
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]
    with pytest.raises(InputError):
        read_release(str(tmp_path / "gone.txt"))
