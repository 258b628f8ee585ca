"""The one message catalogue for user-facing errors and warnings, Japanese first, English second.

Each entry is ``CODE: (ja, en)``; texts use ``str.format`` fields. The second sentence of each
message says how to fix the problem. Codes are grouped by prefix:
``E`` expressions, ``Q`` questionnaire files, ``A`` assessment files and values, ``S`` storage,
``R`` reports, ``X`` spreadsheet import/export, ``W`` warnings that never block.
Tests assert against these codes, never against hand-copied text.
"""

from __future__ import annotations

import string
from typing import NamedTuple

LANGS = ("ja", "en")


class Words(NamedTuple):
    """A message parameter that reads differently per language (a type name: 「数値」 / "a number")."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        """The words in ``lang``."""
        return self.en if lang == "en" else self.ja

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- expressions -------------------------------------------------------------------------
    "E001": ("式を読み取れません（{pos}文字目付近: {detail}）。括弧や引用符の対応、演算子の綴りを確認してください。",
             "Cannot parse the expression (near character {pos}: {detail}). Check brackets, quotes and operator spelling."),
    "E002": ("式が長すぎます（{length}文字、上限{limit}文字）。条件を分けて短くしてください。",
             "The expression is too long ({length} characters, limit {limit}). Split it into shorter conditions."),
    "E003": ("式の入れ子が深すぎます（上限{limit}段）。括弧の入れ子を減らしてください。",
             "The expression nests too deeply (limit {limit} levels). Use fewer nested brackets."),
    "E004": ("未知の関数「{name}」です。使える関数: {known}。",
             "Unknown function '{name}'. Available functions: {known}."),
    "E005": ("関数「{name}」の引数の数が違います（{expected}個必要、{got}個）。",
             "Function '{name}' takes {expected} argument(s), got {got}."),
    "E006": ("関数「{name}」の第1引数は項目IDでなければなりません。引用符を外して項目IDを書いてください。",
             "The first argument of '{name}' must be an item id. Write the id without quotes."),
    # --- questionnaire files -----------------------------------------------------------------
    "Q001": ("ファイルが見つかりません: {path}。パスを確認してください。",
             "File not found: {path}. Check the path."),
    "Q002": ("ファイルを読めません（{detail}）。ファイルの権限を確認してください。",
             "Cannot read the file ({detail}). Check its permissions."),
    "Q003": ("ファイルが大きすぎます（{size}バイト、上限{limit}バイト）。質問票として正しいファイルか確認してください。",
             "The file is too large ({size} bytes, limit {limit}). Make sure this is a questionnaire file."),
    "Q004": ("文字コードがUTF-8ではありません（{detail}）。エディタで「UTF-8」を指定して保存し直してください。",
             "The file is not UTF-8 ({detail}). Save it again as UTF-8 in your editor."),
    "Q005": ("YAMLの書き方に誤りがあります: {detail}。インデント（字下げ）、コロンの後の空白、引用符の対応を確認してください。",
             "YAML syntax error: {detail}. Check indentation, the space after each colon and matching quotes."),
    "Q006": ("キー「{key}」が重複しています（最初は{first_line}行目）。どちらか一方を削除してください。",
             "Duplicate key '{key}' (first at line {first_line}). Remove one of them."),
    "Q007": ("使用できないタグ「{tag}」があります。質問票ではプログラムを書けません。タグを削除してください。",
             "Tag '{tag}' is not allowed: questionnaires cannot contain code. Remove the tag."),
    "Q008": ("エイリアス（*参照）が多すぎます（上限{limit}）。参照を使わずに書き下してください。",
             "Too many aliases (limit {limit}). Write the content out instead of using aliases."),
    "Q009": ("ファイルの最上位は「キー: 値」の形でなければなりません。id, version, title, steps などから書き始めてください。",
             "The top level must be a mapping. Start with id, version, title, steps and so on."),
    "Q010": ("必須のキー「{key}」がありません。{hint}",
             "Required key '{key}' is missing. {hint}"),
    "Q011": ("未知のキー「{key}」です。綴りを確認してください（使えるキー: {known}）。",
             "Unknown key '{key}'. Check the spelling (allowed keys: {known})."),
    "Q012": ("「{key}」は{expected}でなければなりません（実際: {got}）。",
             "'{key}' must be {expected} (got {got})."),
    "Q013": ("項目の種類「{value}」は使えません。使える種類: {known}。",
             "Item type '{value}' is not allowed. Allowed types: {known}."),
    "Q014": ("ID「{id}」が重複しています（最初は{first_line}行目）。IDは質問票全体で一意にしてください。",
             "Id '{id}' is used twice (first at line {first_line}). Ids must be unique in the whole questionnaire."),
    "Q015": ("IDに使えない文字があります: 「{id}」。半角英小文字で始め、英数字と「_」だけを使ってください。",
             "Invalid id '{id}'. Start with a lowercase letter and use only letters, digits and '_'."),
    "Q016": ("式の中の「{ref}」はこの場所から参照できる項目IDではありません。綴りを確認するか、その項目を追加してください（参照できる例: {known}）。",
             "'{ref}' in the expression is not an item id visible here. Fix the spelling or add the item (visible ids include: {known})."),
    "Q017": ("式を読み取れません: {detail}",
             "Cannot parse the expression: {detail}"),
    "Q018": ("種類「{type}」の項目には選択肢（choices）が必要です。choices を追加してください。",
             "An item of type '{type}' needs choices. Add a choices list."),
    "Q019": ("選択肢の値「{value}」が重複しています。値を一意にしてください。",
             "Choice value '{value}' is used twice. Make the values unique."),
    "Q020": ("ラベルには日本語（ja）が必要です。「ja: ...」を追加してください。",
             "A label needs Japanese text (ja). Add 'ja: ...'."),
    "Q021": ("しきい値は小さい順に並べてください（{values}）。",
             "Thresholds must be in increasing order ({values})."),
    "Q022": ("値{value}は範囲外です（{min}〜{max}）。",
             "Value {value} is out of range ({min} to {max})."),
    "Q023": ("設定「{key}」が参照する項目「{ref}」がありません。項目IDを確認してください。",
             "Setting '{key}' refers to item '{ref}', which does not exist. Check the item id."),
    "Q024": ("手順の種類「{value}」は使えません。使える種類: {known}。",
             "Step kind '{value}' is not allowed. Allowed kinds: {known}."),
    "Q025": ("手順「{kind}」が必要ですが、ありません。標準の質問票（standard.yaml）を参考に追加してください。",
             "A step of kind '{kind}' is required but missing. See standard.yaml for an example."),
    "Q026": ("業務一覧には固定ID「{id}」の列が必要です（集計と取込みがこのIDを使います）。",
             "The task grid needs a column with the stable id '{id}' (aggregation and import rely on it)."),
    "Q027": ("バージョン「{value}」の形式が正しくありません。「1.0.0」のように書いてください。",
             "Version '{value}' is malformed. Write it like '1.0.0'."),
    "Q028": ("このファイルが使う質問票「{id}」がインストールされていません。質問票ファイル（「id: {id}」のもの、例: {file}）を質問票フォルダ（{dirs}）に置いてください。",
             "The questionnaire '{id}' this file uses is not installed. Put its file (the one with 'id: {id}', e.g. {file}) into a questionnaires folder ({dirs})."),
    "Q029": ("質問票の要素が多すぎます（上限{limit}個）。質問票として正しいファイルか確認してください。",
             "The questionnaire has too many elements (limit {limit}). Make sure this is a questionnaire file."),
    "Q030": ("計算式が循環しています（{cycle}）。項目の計算に、その項目自身を（ほかの計算項目を通じても）使わないでください。",
             "The calculations go round in a circle ({cycle}). An item's calculation must not use the item itself, also not through other calculated items."),
    "Q031": ("{what}の質問票（{file}）を読み込めません。修正するまでこの質問票は使えません（既定の質問票で代わりに開くことはしません）: {detail}",
             "The questionnaire file {file} ({what}) cannot be loaded. It cannot be used until it is fixed (the bundled one is not used instead): {detail}"),
    "Q032": ("質問票ファイルが見つかりません: {path}（.yaml / .yml のファイルがありません）。ファイルまたはフォルダを確認してください。",
             "No questionnaire files found: {path} (no .yaml / .yml files). Check the file or folder."),
    "Q033": ("このファイルは内部エラーのため確認できませんでした（{detail}）。記録ファイル（{log}）を情報担当者に渡してください。ほかのファイルの確認は続けます。",
             "This file could not be checked because of an internal error ({detail}). Please give the log file ({log}) to IT staff. The other files are still checked."),
    # --- assessment files and values -----------------------------------------------------------
    "A001": ("「{field}」は数値で入力してください（入力: 「{value}」）。全角数字やカンマ区切り（1,200）も使えます。",
             "'{field}' must be a number (got '{value}'). Full-width digits and '1,200' are accepted."),
    "A002": ("「{field}」は{min}以上にしてください（入力: {value}）。",
             "'{field}' must be at least {min} (got {value})."),
    "A003": ("「{field}」は{max}以下にしてください（入力: {value}）。",
             "'{field}' must be at most {max} (got {value})."),
    "A004": ("「{field}」の値「{value}」は選択肢にありません。一覧から選んでください。",
             "'{value}' is not a choice of '{field}'. Pick one from the list."),
    "A005": ("「{field}」は必須です。入力してください。",
             "'{field}' is required. Please fill it in."),
    "A006": ("「{field}」は整数で入力してください（入力: 「{value}」）。",
             "'{field}' must be a whole number (got '{value}')."),
    "A007": ("「{field}」の日付が正しくありません（入力: 「{value}」）。2026-04-01 や 2026/4/1 の形で入力してください。",
             "'{field}' is not a valid date (got '{value}'). Use a form like 2026-04-01."),
    "A008": ("「{field}」は{max}文字以内にしてください（現在{length}文字）。",
             "'{field}' must be at most {max} characters (now {length})."),
    "A009": ("「{field}」: {message}",
             "'{field}': {message}"),
    "A010": ("評価ファイルとして読めません（{detail}）。ファイルが壊れているか、別の種類のファイルです。バックアップ（.bak）があれば開いてみてください。",
             "Cannot read the assessment file ({detail}). It is damaged or not an assessment. Try the backup (.bak) if there is one."),
    "A011": ("このファイルは新しい版のアプリで作られています（形式{found}、このアプリは{supported}まで）。読み取り専用で開きます。アプリを更新してください。",
             "This file was made by a newer version of the app (format {found}; this app reads up to {supported}). It opens read-only; please update the app."),
    "A012": ("このファイルは業務改善セルフチェックの評価ファイルではありません（format: {found}）。",
             "This is not a Kaizen Self-Check assessment file (format: {found})."),
    "A013": ("「{field}」の形が正しくありません（{expected}が必要、実際: {got}）。",
             "'{field}' has the wrong shape ({expected} expected, got {got})."),
    "A014": ("質問票「{id}」のバージョン{version}が見つかりません。現在の版（{current}）で開きます。使われなくなった回答は保持され、次の保存にも残ります。",
             "Questionnaire '{id}' version {version} is not available; opening with the current version ({current}). Answers that no longer fit are kept and saved again."),
    "A015": ("この質問票にない回答が{count}件あります（{ids}）。消さずに保持し、次の保存にも残します。",
             "{count} answer(s) do not fit this questionnaire ({ids}). They are kept and saved again."),
    "A016": ("業務ID「{id}」が重複しています。",
             "Task id '{id}' is used twice."),
    "A017": ("ファイルの内容が途中で切れています（{detail}）。保存中に中断された可能性があります。バックアップ（.bak）があれば開いてみてください。",
             "The file ends too early ({detail}); saving may have been interrupted. Try the backup (.bak) if there is one."),
    "A018": ("古い形式（形式{found}）のファイルを現在の形式{current}に変換して開きました。保存すると新しい形式で書き込まれ、元の内容は「.bak」として残ります。",
             "The file used an older format ({found}) and was converted to format {current}. Saving writes the new format; the original stays as '.bak'."),
    "A019": ("正しくない値が{count}件あります（{ids}）。計算には使わず、消さずに保持して次の保存にも残します。値を直してください。",
             "{count} value(s) are not valid ({ids}). They are left out of the figures, kept and saved again; please correct them."),
    "A020": ("このアプリが扱わない内容が{count}件あります（{ids}）。変更せずに保持し、次の保存にも残します。",
             "{count} part(s) of the file are not used by this app ({ids}). They are kept unchanged and saved again."),
    "A021": ("キー「{key}」が同じ場所に2回あります（{line}行{column}列から始まる {{…}} の中）。どちらの値が正しいか決められないため開けません。テキストエディタでどちらか一方を削除してください。",
             "The key '{key}' appears twice in the same object (the {{…}} starting at line {line}, column {column}). Only one value could be kept, so the file is not opened; remove one of them in a text editor."),
    # --- storage -----------------------------------------------------------------------------
    "S001": ("ファイルが見つかりません: {path}",
             "File not found: {path}"),
    "S002": ("このフォルダ・ファイルに書き込む権限がありません: {path}。別の保存先（ドキュメントなど）を選んでください。",
             "No permission to write here: {path}. Choose another place, such as Documents."),
    "S003": ("ディスクの空き容量が足りません: {path}。不要なファイルを削除するか、別のドライブに保存してください。元のファイルは変更していません。",
             "The disk is full: {path}. Free some space or save to another drive. The original file is unchanged."),
    "S004": ("ファイルが他のアプリで開かれているため書き込めません: {path}。PDFビューアなどを閉じるか、別の名前で保存してください。",
             "The file is open in another program and cannot be written: {path}. Close the PDF viewer or save under another name."),
    "S005": ("ファイルを保存できません: {path}（{detail}）。",
             "Cannot save the file: {path} ({detail})."),
    "S006": ("ファイルを読めません: {path}（{detail}）。",
             "Cannot read the file: {path} ({detail})."),
    "S007": ("ファイルが大きすぎます（{size}バイト、上限{limit}バイト）: {path}",
             "The file is too large ({size} bytes, limit {limit}): {path}"),
    "S008": ("このファイルを読む権限がありません: {path}。ファイルをドキュメントなどにコピーしてから開くか、情報担当にアクセス権を確認してください。",
             "No permission to read this file: {path}. Copy it to Documents first, or ask IT staff to check the access rights."),
    "S009": ("保存先が読み取り専用です: {path}。読み取り専用のドライブ・フォルダには保存できません。別の保存先（ドキュメントなど）を選んでください。",
             "The place is read-only: {path}. Choose another place, such as Documents."),
    "S010": ("ファイル名またはフォルダの階層が長すぎます: {path}。短い名前にするか、浅いフォルダに保存してください。",
             "The file name or folder path is too long: {path}. Use a shorter name or a folder nearer the top."),
    "S011": ("保存先のフォルダが見つかりません: {path}。USBメモリやネットワークドライブが外れていないか確認し、別の保存先を選んでください。",
             "The folder to save into does not exist: {path}. Check that the USB stick or network drive is connected, or choose another place."),
    "S012": ("このファイルは新しい版のアプリ（形式{found}）で作られているため、上書きできません（このアプリは形式{supported}まで）: {path}。別の名前で保存してください。",
             "This file was made by a newer version of the app (format {found}; this app writes {supported}) and cannot be overwritten: {path}. Save under another name."),
    "S013": ("出力先「{path}」は入力のファイル「{input}」と同じです（別の書き方・リンクを含む）。入力を上書きしないよう、別の名前を指定してください。",
             "The output '{path}' is the same file as the input '{input}' (also through another spelling or a link). Give another name so that the input is not overwritten."),
    "S014": ("出力先「{path}」の拡張子（{suffix}）は書き出す形式（{kind}）と合いません。{expected} で終わる名前を指定してください。",
             "The output '{path}' has the suffix '{suffix}', which does not match what is written ({kind}). Give a name ending in {expected}."),
    "S015": ("結果を出力できません（{detail}）。出力先（リダイレクト先のファイルやディスク）の空き容量を確認してください。",
             "Cannot write the output ({detail}). Check the free space where the output goes (the redirected file or disk)."),
    # --- the window (U) -------------------------------------------------------------------------
    "U001": ("この環境ではウィンドウを開けません（{detail}）。Linux では python3-tk を導入してください。画面なしで使うには「kaizen-check demo -o フォルダ」や「kaizen-check report」を使えます。",
             "Cannot open a window here ({detail}). On Linux install python3-tk. Without a screen use 'kaizen-check demo -o DIR' or 'kaizen-check report'."),
    # --- internal errors (I) ----------------------------------------------------------------------
    "I001": ("内部エラーのため「{command}」を完了できませんでした。お手数ですが、記録ファイル（{log}）を情報担当者に渡してください。",
             "An internal error stopped '{command}'. Please give the log file ({log}) to IT staff."),
    # --- reports -----------------------------------------------------------------------------
    "R001": ("日本語フォントが見つかりません: {path}。アプリを再インストールしてください。",
             "The Japanese font is missing: {path}. Reinstall the app."),
    "R002": ("PDFを作成できません（{detail}）。",
             "Cannot create the PDF ({detail})."),
    # --- warnings (never block) ---------------------------------------------------------------
    "W001": ("業務時間の合計（{total}時間）が、担当人数から見込まれる時間（{capacity}時間 = {staff}人 × {per_fte}時間）を超えています。件数や処理時間の見積りを確認してください。",
             "The total task hours ({total} h) exceed what the staff can work ({capacity} h = {staff} × {per_fte} h). Check the case counts and minutes."),
    "W002": ("業務「{task}」の年間時間が0です。件数と処理時間、または件数によらない時間を入力してください。",
             "Task '{task}' has 0 annual hours. Enter cases and minutes, or fixed hours."),
    # --- after the meeting: spreadsheet import/export (X), ward-wide summary (W1xx), stories (R1xx) --
    "X001": ("シート「{sheet}」に見出し行が見つかりません。「業務名」「年間件数」などの列見出しがある行を確認するか、列の対応を指定してください。",
             "No header row found on sheet '{sheet}'. Check that a row has column headings such as 業務名 (task name) and 年間件数 (cases), or set the column mapping."),
    "X002": ("「業務名」の列が指定されていません。列の対応で業務名の列を選んでください。",
             "No column is mapped to the task name. Pick the task-name column in the column mapping."),
    "X003": ("列の対応が正しくありません: 項目「{field}」→ 列「{column}」。{reason}",
             "Invalid column mapping: field '{field}' -> column '{column}'. {reason}"),
    "X004": ("対応していないファイル形式です（{suffix}）。Excelの .xlsx / .xlsm か、.csv で保存したファイルを指定してください（古い .xls はExcelで .xlsx に保存し直してください）。",
             "Unsupported file type ({suffix}). Use an Excel .xlsx/.xlsm file or a .csv file (save an old .xls again as .xlsx in Excel)."),
    "X005": ("CSVの文字コードを判別できません。ExcelでCSV UTF-8（コンマ区切り）として保存し直してください。",
             "Cannot tell the CSV file's encoding. Save it again from Excel as 'CSV UTF-8 (comma delimited)'."),
    "X006": ("Excelファイルを読めません（{detail}）。ファイルが壊れていないか、パスワードが掛かっていないか確認してください。",
             "Cannot read the Excel file ({detail}). Check that it is not damaged or password-protected."),
    "X007": ("シート「{sheet}」がありません。あるシート: {known}。",
             "There is no sheet '{sheet}'. Sheets in the file: {known}."),
    "X008": ("取り込める業務の行がありません（見出しの下に業務名のある行が必要です）。",
             "No task rows to import (rows with a task name are needed below the header)."),
    "X009": ("シート「{sheet}」の行が多すぎます（{rows}行、上限{limit}行）。途中で切らずに取り込みをやめました。業務の行だけを別のシートかファイルに写して取り込んでください。",
             "Sheet '{sheet}' has too many rows ({rows}; the limit is {limit}). Nothing was imported rather than cutting it; copy the task rows to another sheet or file and import that."),
    "X010": ("シート「{sheet}」の列が多すぎます（セル{cell}に値があります。上限{limit}列）。余分な列の値を削除するか、業務一覧の列だけを別のシートに写して取り込んでください。",
             "Sheet '{sheet}' has too many columns (cell {cell} holds a value; the limit is {limit} columns). Delete the values in the extra columns or copy the task columns to another sheet."),
    "X011": ("シート「{sheet}」の結合セル（{range}）が大きすぎるか多すぎます（上限{limit}）。Excelで結合を解除してから取り込んでください。",
             "A merged range of sheet '{sheet}' ({range}) is too large or there are too many (limit {limit}). Unmerge the cells in Excel, then import."),
    "X012": ("Excelファイルの中身が大きすぎるため読みません（{detail}）。業務一覧のシートだけを新しいブックに写して保存し直してください。",
             "The Excel file unpacks to too much and is not read ({detail}). Copy the task sheet into a new workbook and save that."),
    "X013": ("CSVの{line}行目を読めません（{detail}）。1つの欄が長すぎるか、引用符（\"）の対応が崩れています。Excelで開いて確認し、保存し直してください。",
             "Cannot read line {line} of the CSV file ({detail}). A field is too long or the quotes (\") do not match. Open it in Excel, check and save again."),
    "X014": ("シート「{sheet}」のセルが多すぎます（{cells}個、上限{limit}個）。業務一覧の範囲だけを別のシートに写して取り込んでください。",
             "Sheet '{sheet}' has too many cells ({cells}; the limit is {limit}). Copy just the task table to another sheet and import that."),
    "W101": ("部署「{department}」のファイルが複数あります（{files}）。同じ調査を二重に数えていないか確認してください。",
             "There are several files for department '{department}' ({files}). Check that the same assessment is not counted twice."),
    "W102": ("質問票の版が異なるファイルが含まれています（{versions}）。版が違う部署の数値は比べる際に注意してください。",
             "The files come from different questionnaire versions ({versions}). Compare figures across versions with care."),
    "W103": ("集計できるファイルがありません。評価ファイル（.kaizen.json）またはそのフォルダを指定してください。",
             "No files could be summarised. Give assessment files (.kaizen.json) or a folder holding them."),
    "R101": ("行動「{id}」は行動計画にありません（ある行動: {known}）。",
             "There is no action '{id}' in the plan (actions: {known})."),
    "R102": ("行動「{id}」はまだ完了していません（状態: {status}）。改善事例シートは完了した行動について作成します。振り返りで「完了」を記録してください。",
             "Action '{id}' is not done yet (status: {status}). Success-story sheets are made for completed actions; record it as done in the follow-up first."),
}


class _Defaulting(dict[str, object]):
    """Leaves unknown ``{fields}`` visible instead of raising, so a missing parameter never hides a message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(code: str, lang: str = "ja", **params: object) -> str:
    """Return the catalogue text for ``code`` in ``lang`` (``ja`` or ``en``) with ``params`` filled in."""
    try:
        ja, en = CATALOGUE[code]
    except KeyError:
        return f"{code} {params}"
    template = en if lang == "en" else ja
    filled = {k: v.get(lang) if isinstance(v, Words) else v for k, v in params.items()}
    text = string.Formatter().vformat(template, (), _Defaulting(filled))
    # a value quoted from a damaged file may hold a lone surrogate: show "?" so the message can be printed
    return text.encode("utf-8", "replace").decode("utf-8")
