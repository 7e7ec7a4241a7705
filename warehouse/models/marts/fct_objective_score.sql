-- grain: one row per specific objective, year and DAC criterion scored
-- unique: objective_id, year, criterion
-- not_null: objective_id, year, criterion, score, justification, visibility
-- relationship: objective_id -> dim_objective.objective_id
-- accepted: criterion from dac_criterion
-- accepted: score from performance_score
select
    scores.objective_id,
    scores.year,
    scores.criterion,
    scores.score,
    scores.justification,
    objectives.programme_code,
    -- read with its objective, by whoever may read the objective
    objectives.visibility
from stg_objective_scores as scores
inner join dim_objective as objectives on objectives.objective_id = scores.objective_id
