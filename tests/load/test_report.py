"""The load test's pass criteria, as scripts/load-test.sh applies them to locust's CSV files."""

from tests.load.report import main

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
)


def stats(tmp_path, *, failures: int, p95: int, exceptions: str = ""):
    prefix = tmp_path / "stats"
    row = f"{failures},100,110,20,{p95 + 50},5000,3.3,0,100,120,130,140,150,{p95},{p95},{p95},{p95},{p95},{p95}"
    (tmp_path / "stats_stats.csv").write_text(
        HEADER + f"GET,mentor: home,1000,{row}\n" + f",Aggregated,1000,{row}\n"
    )
    if exceptions:
        (tmp_path / "stats_exceptions.csv").write_text(
            f"Count,Message,Traceback,Nodes\n1,{exceptions},tb,local\n"
        )
    return str(prefix)


def test_a_run_with_no_errors_and_p95_within_the_limit_passes(tmp_path, capsys):
    assert main([stats(tmp_path, failures=0, p95=480), "--p95-limit-ms", "500"]) == 0
    out = capsys.readouterr().out
    assert "**Passed**" in out
    assert "| GET mentor: home | 1000 | 0 | 100 | 480 |" in out


def test_a_run_with_p95_over_the_limit_fails(tmp_path, capsys):
    assert main([stats(tmp_path, failures=0, p95=520), "--p95-limit-ms", "500"]) == 1
    assert "p95 520 ms is over 500 ms" in capsys.readouterr().out


def test_a_run_with_one_failed_request_fails(tmp_path, capsys):
    assert main([stats(tmp_path, failures=1, p95=100)]) == 1
    assert "1 requests failed" in capsys.readouterr().out


def test_a_run_where_a_user_raised_an_exception_fails(tmp_path, capsys):
    assert main([stats(tmp_path, failures=0, p95=100, exceptions="SignInFailed")]) == 1
    assert "exception: SignInFailed" in capsys.readouterr().out


def test_the_servers_cpu_time_is_reported_per_request(tmp_path, capsys):
    main([stats(tmp_path, failures=0, p95=100), "--server-cpu-seconds", "45"])
    assert "Server CPU: 45 s for 1000 requests, 45 ms a request." in capsys.readouterr().out


def test_the_cpu_of_every_program_on_the_machine_is_reported_per_request(tmp_path, capsys):
    main(
        [
            stats(tmp_path, failures=0, p95=100),
            "--server-cpu-seconds",
            "40",
            "--postgres-cpu-seconds",
            "10",
            "--locust-cpu-seconds",
            "2.5",
        ]
    )
    out = capsys.readouterr().out
    assert "Server CPU: 40 s for 1000 requests, 40 ms a request." in out
    assert "PostgreSQL CPU: 10 s, 10.0 ms a request." in out
    assert "locust (the load itself) CPU: 2 s, 2.5 ms a request." in out


def test_the_machines_speed_before_and_after_is_reported(tmp_path, capsys):
    main([stats(tmp_path, failures=0, p95=100), "--speed-check-ms", "24.3", "31"])
    out = capsys.readouterr().out
    assert "24.3 ms before the run, 31.0 ms after." in out


def test_the_speed_check_times_a_fixed_piece_of_work():
    from tests.load import speed_check

    assert speed_check.best_ms(repeats=1) > 0
