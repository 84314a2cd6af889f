"""The database refuses a mentorship whose mentor is the ECT (both periods name one teacher).

A CHECK constraint cannot look across tables, so a PostgreSQL trigger holds the rule.
SQLite (the embedded default) gets no trigger: its table rebuilds during later
migrations break triggers that name other tables, and participants.services checks
the same rule there.
"""

from django.db import migrations

from ecte.db import RunSQLFor

POSTGRES = """
CREATE FUNCTION participants_mentorship_not_self() RETURNS trigger AS $$
BEGIN
  IF (SELECT teacher_id FROM participants_ectatschoolperiod WHERE id = NEW.ect_at_school_period_id)
     = (SELECT teacher_id FROM participants_mentoratschoolperiod WHERE id = NEW.mentor_at_school_period_id)
  THEN
    RAISE EXCEPTION 'A mentor cannot mentor themselves' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER participants_mentorship_not_self
  BEFORE INSERT OR UPDATE ON participants_mentorship
  FOR EACH ROW EXECUTE FUNCTION participants_mentorship_not_self();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS participants_mentorship_not_self ON participants_mentorship;
DROP FUNCTION IF EXISTS participants_mentorship_not_self();
"""


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]

    operations = [
        RunSQLFor("postgresql", POSTGRES, POSTGRES_REVERSE),
    ]
