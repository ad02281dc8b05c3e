-- The caller's record in the CRM, found by the caller lookup (crm.lookup-url) when the call was stored.
-- A row of its own rather than columns on calls: a call is stored before its lookup may have answered,
-- and most installations have no CRM at all.
CREATE TABLE call_crm (
    call_id   VARCHAR(80)  NOT NULL PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    crm_id    VARCHAR(200) NOT NULL,
    crm_name  VARCHAR(500),
    linked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- GET /api/calls?crmId= is answered by the search index; this serves "every call of this customer" in SQL.
CREATE INDEX call_crm_crm_id ON call_crm (crm_id);
