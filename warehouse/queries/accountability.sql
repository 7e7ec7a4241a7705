-- One specific objective's accountability record for a year: its scores per criterion and its
-- lessons and management responses, as (section, key, value, text) rows.
select 'score' as section, criterion as key, score as value, justification as text, null as evaluation
from fct_objective_score
where objective_id = $objective and year = $year and visibility in $visible
union all
select 'lesson', kind, null, text, evaluation
from fct_objective_lesson
where objective_id = $objective and year = $year and visibility in $visible
order by section desc, key
