-- One outcome's full record, with its change agents, if the viewer may see it; its texts in the
-- reader's $language where a translation exists (the original's language kept beside them).
select
    outcomes.* replace (
        coalesce(translated.description, outcomes.description) as description,
        coalesce(translated.significance, outcomes.significance) as significance,
        coalesce(translated.contribution, outcomes.contribution) as contribution
    ),
    translated.language as translated_into,
    translated.translated_by,
    (select string_agg(o.acronym || ' (' || o.name || ')', '; ' order by o.acronym)
        from bridge_outcome_change_agent as a
        inner join dim_organisation as o on o.org_code = a.org_code
        where a.outcome_id = outcomes.outcome_id) as change_agents
from fct_outcome as outcomes
left join fct_outcome_translation as translated
    on translated.outcome_id = outcomes.outcome_id
    and translated.language = $language
    and outcomes.language <> $language
where outcomes.outcome_id = $outcome_id and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
