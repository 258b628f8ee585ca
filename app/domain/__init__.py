"""Pure-Python domain: questionnaire model, answers, expressions, scoring, action plan, errors."""
