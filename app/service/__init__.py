"""The headless facade both shells use: load, score, plan, render, save, export.

Nothing here prints or prompts; every failure a user can cause is a :class:`UserError`.
``core`` holds the questionnaire → assessment → scores → plan path; ``followup`` what happens after the
meeting (spreadsheets, success stories, the ward-wide summary). Callers use ``from app import service``.
"""

from app.domain.errors import UserError
from app.service.core import (
    ASSESSMENT_SUFFIX,
    EXAMPLE_FILE,
    Opened,
    demo,
    example_assessment_path,
    get_questionnaire,
    load_all_questionnaires,
    load_file,
    new_assessment,
    open_assessment,
    propose_actions,
    questionnaire_files,
    render_plan,
    save_assessment,
    score,
    score_json,
    validate_paths,
    write_plan,
)
from app.service.followup import (
    EXPORT_TABLES,
    IMPORT_MAPPING_FILE,
    ImportPreview,
    aggregate_files,
    assessment_paths,
    export_csv,
    export_xlsx,
    import_tasks,
    load_import_mapping,
    preview_import,
    render_story,
    render_summary,
    save_import_mapping,
    write_story,
    write_summary,
)
from app.storage.outputs import check_output

__all__ = [
    "ASSESSMENT_SUFFIX",
    "EXAMPLE_FILE",
    "EXPORT_TABLES",
    "IMPORT_MAPPING_FILE",
    "ImportPreview",
    "Opened",
    "UserError",
    "aggregate_files",
    "assessment_paths",
    "check_output",
    "demo",
    "example_assessment_path",
    "export_csv",
    "export_xlsx",
    "get_questionnaire",
    "import_tasks",
    "load_all_questionnaires",
    "load_file",
    "load_import_mapping",
    "new_assessment",
    "open_assessment",
    "preview_import",
    "propose_actions",
    "questionnaire_files",
    "render_plan",
    "render_story",
    "render_summary",
    "save_assessment",
    "save_import_mapping",
    "score",
    "score_json",
    "validate_paths",
    "write_plan",
    "write_story",
    "write_summary",
]
