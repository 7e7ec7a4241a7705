-- grain: one row per outcome and language it was translated into
-- unique: outcome_id, language
-- not_null: outcome_id, language, description, translated_by, visibility
-- relationship: outcome_id -> fct_outcome.outcome_id
-- accepted: language from language
-- expect: language <> original_language
select
    translations.outcome_id,
    translations.language,
    translations.description,
    translations.significance,
    translations.contribution,
    translations.translated_by,
    outcomes.language as original_language,
    -- read with its outcome, by whoever may read the outcome
    outcomes.visibility,
    outcomes.owner_orgs
from stg_outcome_translations as translations
inner join fct_outcome as outcomes on outcomes.outcome_id = translations.outcome_id
