-- grain: one row per specific objective, year and kind (lesson learned, management response)
-- unique: objective_id, year, kind
-- not_null: objective_id, year, kind, text, visibility
-- relationship: objective_id -> dim_objective.objective_id
-- accepted: kind from lesson_kind
select
    lessons.objective_id,
    lessons.year,
    lessons.kind,
    lessons.evaluation,
    lessons.text,
    objectives.programme_code,
    objectives.visibility
from stg_objective_lessons as lessons
inner join dim_objective as objectives on objectives.objective_id = lessons.objective_id
