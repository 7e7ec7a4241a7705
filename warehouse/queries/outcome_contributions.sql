-- Filtered outcomes by the modality of the exchanges that contributed, theme and level: see the
-- fragment.
-- include: outcome_contributions
order by modality, theme, level
