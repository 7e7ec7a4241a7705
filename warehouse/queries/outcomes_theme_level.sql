-- Filtered outcomes per theme (common theme where mapped) and level: see the fragment.
-- include: outcomes_theme_level
order by theme, level
