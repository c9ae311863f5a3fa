import pytest
from tests.submissions.factories import make_submission
pytestmark = pytest.mark.django_db
def test_probe(moderator_client, drive):
    a = make_submission(drive, state="approved")
    b = make_submission(drive)
    r = moderator_client.get("/admin/submissions/submission/")
    c = r.content.decode()
    print(r.status_code)
    print(c[c.index('<table id="result_list"'):][:3000])
    r = moderator_client.get(f"/admin/submissions/submission/{a.pk}/change/")
    print(r.status_code)
