-- Functions the models share, defined for the build's connection only (temporary): the
-- published warehouse holds tables, and the app never calls these.

-- The words a text is searched by, each once: lower case, without accents, split at every run
-- of characters other than a-z and 0-9, two characters or more. `warehouse/search.py` splits
-- what a user types the same way. A text of plain words and single spaces (most of them) is
-- split on spaces, 5 times faster than by the pattern, with the same words.
create or replace temp macro split_words(plain) as list_filter(
    list_distinct(if(
        regexp_matches(plain, '[^a-z0-9 ]'),
        regexp_split_to_array(plain, '[^a-z0-9]+'),
        string_split(plain, ' ')
    )),
    lambda word: length(word) >= 2
);

create or replace temp macro search_words(text) as split_words(lower(strip_accents(text)));

-- The order in which the practice finder shows an organisation's outcomes: substantiated
-- positive outcomes first (0), then the others (1), then those without a status (2).
create or replace temp macro evidence_rank(is_positive, substantiation_status) as
    case is_positive and substantiation_status = 'substantiated'
        when true then 0 when false then 1 else 2
    end;
