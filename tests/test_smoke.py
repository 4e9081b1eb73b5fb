from fastapi.testclient import TestClient


def test_person_round_trip(client: TestClient) -> None:
    r = client.post("/persons", json={"id": "p1", "given_names": "Anna", "surname": "Jansen",
                                      "sex": "female", "birth_date": "1990-02-03",
                                      "bsn": "123456782"})
    assert r.status_code == 201, r.text
    assert "bsn" not in r.json() and r.json()["has_bsn"] is True
    r = client.get("/persons/p1", params={"include_bsn": True})
    assert r.json()["bsn"] == "123456782"
