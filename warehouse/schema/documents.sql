-- Grain: one row per acquired item (a page or file), keyed by a hash of its URI.
create table if not exists documents (
    doc_id          varchar primary key,
    uri             varchar not null,
    site            varchar,
    fetched_at      timestamp not null,
    published_date  date,
    title           varchar,
    encoding        varchar not null,
    script          varchar not null,
    quality         varchar not null,
    quality_reasons varchar[] not null,
    duplicate_of    varchar,
    content_sha256  varchar not null,
    text_sha256     varchar not null,
    n_chars         integer not null,
    chrome_lines    integer not null,
    first_seen_at   timestamp,
    simhash         bigint,
    transforms_version varchar,
    source_kind     varchar,
    removed_at      timestamp,
    quality_score   double,
    short           boolean,
    figures_sha256  varchar
);
comment on table documents is 'One row per acquired item (page or file): its current version; earlier versions are in document_versions.';
comment on column documents.doc_id is 'Stable id: hash of the URI.';
comment on column documents.uri is 'Where the item came from (file:// or http(s)://).';
comment on column documents.site is 'Host name, or the document-sharing site the page names.';
comment on column documents.fetched_at is 'When the bytes were acquired (UTC; file modification time for local files).';
comment on column documents.published_date is 'Publication date read off the page, if any.';
comment on column documents.title is 'Page title after cleaning.';
comment on column documents.encoding is 'Character encoding the bytes were decoded with.';
comment on column documents.script is 'simplified or traditional: the script of the original text.';
comment on column documents.quality is 'ok, low or rejected; figures of low documents are not trusted in indicator_series. low is for garbage and spun text only: a short page or a table page is ok.';
comment on column documents.quality_reasons is 'Why the quality is not ok: each signal that counted, with its measure (spinner_disclaimer, spinner_vocabulary, keyword_injection, perplexity, broken_collocations, mixed_script, repeated_text, not_chinese, garbled_encoding, mostly_chrome, too_short).';
comment on column documents.duplicate_of is 'doc_id of an earlier document that is the same report: the same cleaned text, or nearly the same wording (SimHash within 3 bits) with the same figures (figures_sha256). Bulletins of two years written from one template differ in their figures and are not duplicates.';
comment on column documents.content_sha256 is 'SHA-256 of the raw bytes.';
comment on column documents.text_sha256 is 'SHA-256 of the cleaned text.';
comment on column documents.n_chars is 'Characters of cleaned text.';
comment on column documents.chrome_lines is 'Lines of site chrome removed.';
comment on column documents.first_seen_at is 'When this URI was first acquired (its first version).';
comment on column documents.simhash is '64-bit SimHash of the cleaned text, for near-duplicate detection.';
comment on column documents.source_kind is 'Who published the page: official, news, sharing (a document-sharing site) or other; ranks disagreeing reports in indicator_series.';
comment on column documents.transforms_version is 'Digest of the transforms code and data that produced the rows; unchanged bytes and version mean no reprocessing.';
comment on column documents.removed_at is 'When the file was found gone from its local source (UTC); NULL while it is there. A removed document keeps its rows and versions but leaves the series.';
comment on column documents.quality_score is 'Evidence that the text is spun or garbage, summed over the quality signals; 1 or more makes quality low.';
comment on column documents.short is 'True for a short page without figures (under 300 characters and no number stated): a flag for readers, not a reason to distrust the page.';
comment on column documents.figures_sha256 is 'SHA-256 of the multiset of numbers the cleaned text states as written (years included, posting dates and times not); near-duplicates must share it.';
