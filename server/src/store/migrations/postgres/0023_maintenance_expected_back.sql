-- Equipment logistics (issue 15): units at the repairer until a date. An open maintenance record
-- may say when its units are expected back; a mission starting that day or later may count on
-- them (availability and conflicts), one starting before may not.

ALTER TABLE maintenance_records ADD COLUMN expected_back_on DATE;
