-- One row per measure: the catalog's entries
-- (pipelines/lib/parsing/meaning/measure_catalog.csv, read as it stands: the parser matched the
-- figures with the same file), then a measure for each subject no entry matched (measure_id
-- 'label:<normalised subject>[<base unit>]'). Small: rebuilt every run.
with

catalog as (
    select *
    from read_csv(
        '{{ var("measure_catalog") }}',
        header = true,
        all_varchar = true
    )
),

figures as (
    select * from {{ ref('stg_figures') }}
),

figure_counts as (
    select
        measure_id,
        base_unit,
        mode(unit) as stated_unit,
        count(*) as n_figures
    from figures
    group by measure_id, base_unit
),

catalog_measures as (
    select
        catalog.measure_id,
        'catalog' as source,
        catalog.name,
        catalog.measure_type,
        split_part(catalog.base_unit, '|', 1) as base_unit,
        replace(catalog.base_unit, '|', ', ') as base_units,
        catalog.display_unit,
        replace(catalog.synonyms, '|', ', ') as synonyms,
        coalesce(sum(figure_counts.n_figures), 0)::bigint as n_figures
    from catalog
    left join figure_counts on catalog.measure_id = figure_counts.measure_id
    group by all
),

label_measures as (
    select
        measure_id,
        'label' as source,
        substring(measure_id, 7, length(measure_id) - 6 - length(base_unit) - 2) as name,
        case when base_unit in ('%', '百分点') then 'rate' end as measure_type,
        base_unit,
        base_unit as base_units,
        stated_unit as display_unit,
        null as synonyms,
        n_figures
    from figure_counts
    where measure_id like 'label:%'
),

final as (
    select * from catalog_measures
    union all
    select * from label_measures
)

select * from final
