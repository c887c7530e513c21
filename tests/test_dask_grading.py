"""The grade command on Dask clusters: one started by hand (``dask scheduler``, ``dask worker``),
over TLS with certificates made here, and with its gradebook on PostgreSQL.

Each grades the same three submissions of 01 (right, blank, wrong) and must give the CSV
that the local default gives (tests/conftest.py grades them once).
"""

import contextlib
import csv
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.pipeline
DASK = str(Path(sys.executable).parent / "dask")


@pytest.fixture(scope="module")
def lms(right_blank_and_wrong):
    """A scratch course, a folder of three submissions, and the CSV of the local default run
    (tests/conftest.py)."""
    run = right_blank_and_wrong
    return run.course, run.submissions, rows(run.work / "grades.csv")


def grade(course, folder, work, *options, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--work", str(work), *options],
                          cwd=course, capture_output=True, text=True, timeout=900, env=env)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["student"]: {k: row[k] for k in ("points", "max_points", "flags")} for row in csv.DictReader(f)}


def test_the_local_default_grades_right_blank_and_wrong(lms):
    _, _, local = lms
    assert float(local["right"]["points"]) == 16 and float(local["blank"]["points"]) == 0
    assert 0 < float(local["wrong"]["points"]) < 16


@contextlib.contextmanager
def dask_cluster(course, folder, workers=2, tls=()):
    """``dask scheduler`` and ``dask worker`` on loopback, as a course server would run them;
    yields the scheduler's address."""
    env = {**os.environ, "PYTHONPATH": str(course)}   # the workers import this course's autograder
    scheduler_file = folder / "scheduler.json"
    protocol = ["--protocol", "tls"] if tls else []
    scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(scheduler_file), *protocol, *tls],
                                 cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    worker = None
    try:
        for _ in range(600):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            assert scheduler.poll() is None, scheduler.stderr.read()[-3000:]
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen([DASK, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                   "--host", "127.0.0.1", "--no-dashboard", *tls],
                                  cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        yield address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()


def test_a_scheduler_started_by_hand_gives_the_same_csv(lms, tmp_path):
    course, folder, local = lms
    with dask_cluster(course, tmp_path) as address:
        assert address.startswith("tcp://127.0.0.1:")
        result = grade(course, folder, tmp_path / "work", "--scheduler", address)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(tmp_path / "work" / "grades.csv") == local


def certificates(folder):
    """A certificate authority and one certificate it signed for 127.0.0.1, made here."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    now = datetime.datetime.now(datetime.timezone.utc)
    span = dict(not_valid_before=now - datetime.timedelta(minutes=5), not_valid_after=now + datetime.timedelta(days=1))

    def signed(subject, key, issuer, issuer_key, ca):
        builder = x509.CertificateBuilder(subject_name=subject, issuer_name=issuer, public_key=key.public_key(),
                                          serial_number=x509.random_serial_number(), **span)
        builder = builder.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "course grading CA")])
    ca = signed(ca_name, ca_key, ca_name, ca_key, ca=True)
    cert = signed(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]), key, ca_name, ca_key, ca=False)
    paths = {name: folder / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


def test_grading_over_tls_with_certificates_made_here(lms, tmp_path):
    course, folder, local = lms
    pem = certificates(tmp_path)
    tls = ["--tls-ca-file", str(pem["ca"]), "--tls-cert", str(pem["cert"]), "--tls-key", str(pem["key"])]
    with dask_cluster(course, tmp_path, workers=1, tls=tls) as address:
        assert address.startswith("tls://127.0.0.1:")
        # Without the certificates the scheduler is not reached.
        refused = grade(course, folder, tmp_path / "refused", "--scheduler", address)
        result = grade(course, folder, tmp_path / "work", "--scheduler", address, *tls)
    assert refused.returncode == 1 and "could not reach the Dask scheduler" in refused.stderr, refused.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(tmp_path / "work" / "grades.csv") == local


def test_the_gradebook_on_postgresql(lms, tmp_path):
    """--db URL: nbgrader's gradebook on a PostgreSQL server that the test starts itself."""
    try:
        import pgserver
        server = pgserver.get_server(str(tmp_path / "postgres"), cleanup_mode="stop")
    except Exception as error:   # no wheel for this machine, or no server can start here
        pytest.skip(f"no PostgreSQL server could be started here ({type(error).__name__}: {error})")
    course, folder, local = lms
    try:
        url = server.get_uri()
        result = grade(course, folder, tmp_path / "work", "--workers", "2", "--db", url)
        assert result.returncode == 0, result.stderr[-3000:]
        assert rows(tmp_path / "work" / "grades.csv") == local
        assert not (tmp_path / "work" / "gradebook.db").exists()
        again = grade(course, folder, tmp_path / "work", "--workers", "2", "--db", url)
        assert "(0 graded now, 3 already graded)" in again.stdout
        assert rows(tmp_path / "work" / "grades.csv") == local
    finally:
        server.cleanup()
