-- The STAC item a promotion published in production with its table ("collection/item"), null when the
-- source had none; lineage by STAC item finds the promotion through it.
ALTER TABLE app.promotions ADD COLUMN stac_item text;
CREATE INDEX promotions_stac_item_idx ON app.promotions (stac_item, started_at DESC) WHERE stac_item IS NOT NULL;
