-- A job is stored as data, parsed once at admission: "document" holds the parsed spec as JSON
-- (Suanwang.Core.Jobs.JobDocument; "spec" keeps the text as submitted, for display), and the
-- allocation's nodes and devices are integer arrays ("0,1" becomes {0,1}). Rows made before this
-- get their document and devices from a code step that runs right after this file, in the same
-- transaction (Suanwang.Storage.Migrations.JobDocumentUpgrade).
ALTER TABLE jobs ADD COLUMN document text;
ALTER TABLE jobs ADD COLUMN devices integer[];
ALTER TABLE jobs ALTER COLUMN nodes TYPE integer[] USING string_to_array(nodes, ',')::integer[];
