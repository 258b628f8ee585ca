"""The headless facade both shells use: load, score, plan, render, save, export.

Nothing here prints or prompts; every failure a user can cause is a :class:`UserError`.
``core`` holds the questionnaire → assessment → scores → plan path; ``document`` the file's life around it
(autosave, recovery, free names); ``followup`` what happens after the meeting (spreadsheets, success
stories, the ward-wide summary), imported on first use so that the window starts quickly. Callers use
``from app import service``.
"""

import importlib
from typing import TYPE_CHECKING, Any

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
    mark_ready,
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
from app.service.document import (
    Recovery,
    autosave,
    clear_autosave,
    discard_recovery,
    free_name,
    new_slot,
    pending_recoveries,
    recover,
    write_settings,
)
from app.storage.outputs import check_output

if TYPE_CHECKING:  # imported on first use (see __getattr__): the window's Home needs none of these
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
    from app.service.qbook import (
        ImportedQuestionnaire,
        export_questionnaire,
        import_questionnaire,
        write_template,
    )

_LAZY = {
    "EXPORT_TABLES": "followup",
    "IMPORT_MAPPING_FILE": "followup",
    "ImportPreview": "followup",
    "aggregate_files": "followup",
    "assessment_paths": "followup",
    "export_csv": "followup",
    "export_xlsx": "followup",
    "import_tasks": "followup",
    "load_import_mapping": "followup",
    "preview_import": "followup",
    "render_story": "followup",
    "render_summary": "followup",
    "save_import_mapping": "followup",
    "write_story": "followup",
    "write_summary": "followup",
    "ImportedQuestionnaire": "qbook",
    "export_questionnaire": "qbook",
    "import_questionnaire": "qbook",
    "write_template": "qbook",
}


def __getattr__(name: str) -> Any:
    """The follow-up and questionnaire-workbook functions, imported when first used (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"app.service.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ASSESSMENT_SUFFIX",
    "EXAMPLE_FILE",
    "EXPORT_TABLES",
    "IMPORT_MAPPING_FILE",
    "ImportPreview",
    "ImportedQuestionnaire",
    "Opened",
    "Recovery",
    "UserError",
    "aggregate_files",
    "assessment_paths",
    "autosave",
    "check_output",
    "clear_autosave",
    "demo",
    "discard_recovery",
    "example_assessment_path",
    "export_csv",
    "export_questionnaire",
    "export_xlsx",
    "free_name",
    "get_questionnaire",
    "import_questionnaire",
    "import_tasks",
    "load_all_questionnaires",
    "load_file",
    "load_import_mapping",
    "mark_ready",
    "new_assessment",
    "new_slot",
    "open_assessment",
    "pending_recoveries",
    "preview_import",
    "propose_actions",
    "questionnaire_files",
    "recover",
    "render_plan",
    "render_story",
    "render_summary",
    "save_assessment",
    "save_import_mapping",
    "score",
    "score_json",
    "validate_paths",
    "write_plan",
    "write_settings",
    "write_story",
    "write_summary",
    "write_template",
]
