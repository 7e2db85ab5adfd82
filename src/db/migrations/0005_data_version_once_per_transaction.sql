-- A person's data version goes up once per transaction, not once per statement: a transactions
-- sync that writes thousands of rows in 500-row statements (and its notices on the embedded
-- database) invalidates their dashboard once. Readers only ever see committed versions, so one
-- bump per transaction is as exact as one per statement. The users already bumped in this
-- transaction are kept in a transaction-local setting.
CREATE OR REPLACE FUNCTION cashview_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  done text := coalesce(current_setting('cashview.bumped_users', true), '');
  ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'transactions' THEN
    SELECT array_agg(DISTINCT i.user_id) INTO ids FROM items i WHERE i.id IN (SELECT DISTINCT item_id FROM changed_rows);
  ELSE
    SELECT array_agg(DISTINCT user_id) INTO ids FROM changed_rows;
  END IF;
  ids := ARRAY(SELECT u FROM unnest(ids) AS u WHERE strpos(done, u::text) = 0);
  IF coalesce(array_length(ids, 1), 0) > 0 THEN
    UPDATE users SET data_version = data_version + 1 WHERE id = ANY (ids);
    PERFORM set_config('cashview.bumped_users', done || ',' || array_to_string(ids, ','), true);
  END IF;
  RETURN NULL;
END $$;
