// Purpose: Contact.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT contact_id_unique IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE
