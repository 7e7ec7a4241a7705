-- What the outcomes table shows of the outcomes of a CTE `chosen` (their columns as in
-- fct_outcome), texts in the reader's $language where a translation exists, else in their
-- original language (`language` then says which); the query orders them after.
select
    chosen.outcome_id,
    chosen.programme_code,
    chosen.observed_on,
    chosen.theme_code,
    chosen.canonical_theme,
    chosen.level,
    chosen.outcome_type,
    chosen.social_actor,
    coalesce(translated.description, chosen.description) as description,
    coalesce(translated.language, chosen.language) as language,
    translated.language is not null as is_translation,
    chosen.change_agent_names as change_agents,
    chosen.change_agent_countries as countries,
    chosen.substantiation_status,
    chosen.is_positive,
    chosen.is_intended,
    chosen.is_illustrative
from chosen
left join fct_outcome_translation as translated
    on translated.outcome_id = chosen.outcome_id
    and translated.language = $language
    and chosen.language <> $language
