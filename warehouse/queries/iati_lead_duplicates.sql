-- Objectives we would publish that the lead organisation already publishes: its programme (the
-- one ours is part of) has, in an IATI file we imported, an activity for the same country. The
-- same money and results would then be published twice.
select
    ours.objective_id,
    ours.iati_identifier,
    ours.country_code,
    theirs.iati_identifier as lead_activity,
    lead.iati_identifier as lead_programme,
    theirs.source_id
from dim_objective as ours
inner join dim_programme as programme on programme.programme_code = ours.programme_code
inner join dim_programme as lead
    on lead.iati_identifier = programme.lead_iati_identifier
    and lead.programme_code <> programme.programme_code
inner join dim_objective as theirs
    on theirs.programme_code = lead.programme_code
    and theirs.country_code = ours.country_code
where ours.visibility in $visible
    and (len($programmes) = 0 or ours.programme_code in $programmes)
    and (len($objectives) = 0 or ours.objective_id in $objectives)
order by ours.objective_id, theirs.iati_identifier
