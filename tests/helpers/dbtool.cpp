// Test helper: a real, separate process that writes SQLite databases, holds locks or dies mid-write.
//
//   dbtool make DB MODE ROWS          create the "bank" schema: 100 accounts (total 100000) + ROWS log rows
//   dbtool writer DB MODE [opts]      transfer money as fast as it can until stdin closes or --seconds pass
//        --autocheckpoint N           wal_autocheckpoint (WAL mode; default 1000, 0 = off)
//        --truncate-every N           run wal_checkpoint(TRUNCATE) every N commits
//        --busy-timeout MS            default 5000; 0 reports every SQLITE_BUSY
//        --synchronous off|normal|full
//        --flip-every N               switch between WAL and rollback mode every N commits
//        --pace-us N                  sleep N microseconds after each commit (default 0: flat out)
//        --trim-log N                 keep the log at N rows by deleting the oldest in each transfer
//                                     (a long soak then keeps a small database; the log stays contiguous)
//   dbtool hold DB MODE [--open-txn] [--normal-locking] [--no-checkpoint]
//                                     locking_mode=EXCLUSIVE (unless --normal-locking), commit, optionally
//                                     leave a spilled transaction open, print "ready", wait for stdin to
//                                     close
//   dbtool crash DB                   rollback mode: start a big transaction that spills, print
//                                      "ready", then wait to be killed
//   dbtool crash-multi DB OTHER before|after
//                                     rollback mode, OTHER attached: one transaction changes both (so
//                                     SQLite writes a super-journal) and the process kills itself with
//                                     SIGKILL just before or just after SQLite deletes the super-journal
//   dbtool lockstate FILE OFFSET      F_GETLK for a write lock on the byte at OFFSET (neither takes nor
//                                     disturbs a lock): prints "held PID" or "free"
// MODE is "wal" or "rollback". "ready" is printed on stdout once the database is in its state; the
// writer prints "commits=N busy=M" when it ends.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

[[noreturn]] void die(sqlite3* db, const char* what) {
    std::fprintf(stderr, "dbtool: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    std::exit(1);
}

int exec(sqlite3* db, const std::string& sql, bool fatal = true) {
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK && fatal) {
        std::fprintf(stderr, "dbtool: %s: %s\n", sql.c_str(), message ? message : "?");
        std::exit(1);
    }
    sqlite3_free(message);
    return rc;
}

sqlite3* openDb(const char* path) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(db, "open");
    return db;
}

void setMode(sqlite3* db, const std::string& mode) {
    exec(db, mode == "wal" ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=DELETE");
}

void createBank(sqlite3* db, int rows) {
    exec(db,
         "CREATE TABLE IF NOT EXISTS accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);"
         "CREATE TABLE IF NOT EXISTS log(seq INTEGER PRIMARY KEY, account INTEGER, amount INTEGER, pad BLOB);"
         "CREATE INDEX IF NOT EXISTS log_account ON log(account);");
    exec(db, "BEGIN");
    exec(db, "INSERT OR IGNORE INTO accounts(id, balance) "
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i, 1000 "
             "FROM n");
    exec(db,
         "INSERT INTO log(seq, account, amount, pad) "
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
             std::to_string(rows) +
             ") SELECT (SELECT coalesce(max(seq), 0) FROM log) + i, i % 100 + 1, 0, randomblob(64) FROM n");
    exec(db, "COMMIT");
}

bool readyStdinClosed() {
    // Non-blocking check: has the test closed our stdin?
    fd_set set;
    FD_ZERO(&set);
    FD_SET(0, &set);
    timeval zero{0, 0};
    if (select(1, &set, nullptr, nullptr, &zero) <= 0)
        return false;
    char c;
    return read(0, &c, 1) <= 0;
}

void waitForStdinClose() {
    char buffer[64];
    while (read(0, buffer, sizeof buffer) > 0) {
    }
}

int transfer(sqlite3* db, std::mt19937& rng, long* busy, int trimLog) {
    std::uniform_int_distribution<int> account(1, 100), amount(1, 50), padding(0, 600);
    const int from = account(rng), to = account(rng), moved = amount(rng);
    const std::string sql =
        "BEGIN IMMEDIATE;"
        "UPDATE accounts SET balance = balance - " +
        std::to_string(moved) + " WHERE id = " + std::to_string(from) +
        ";"
        "UPDATE accounts SET balance = balance + " +
        std::to_string(moved) + " WHERE id = " + std::to_string(to) +
        ";"
        "INSERT INTO log(seq, account, amount, pad) VALUES((SELECT coalesce(max(seq), 0) + 1 FROM log), " +
        std::to_string(from) + ", " + std::to_string(moved) + ", randomblob(" + std::to_string(padding(rng)) +
        "));" +
        (trimLog > 0
             ? "DELETE FROM log WHERE seq <= (SELECT max(seq) FROM log) - " + std::to_string(trimLog) + ";"
             : std::string()) +
        "COMMIT;";
    int rc = exec(db, sql, false);
    if (rc != SQLITE_OK) {
        exec(db, "ROLLBACK", false);
        if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
            ++*busy;
            return 0;
        }
        die(db, "transfer");
    }
    return 1;
}

int writer(int argc, char** argv) {
    const char* path = argv[2];
    std::string mode = argv[3];
    int autocheckpoint = 1000, truncateEvery = 0, busyTimeout = 5000, flipEvery = 0, paceUs = 0, trimLog = 0;
    double seconds = 0;
    std::string synchronous = "normal";
    for (int i = 4; i + 1 < argc; i += 2) {
        std::string opt = argv[i];
        if (opt == "--autocheckpoint")
            autocheckpoint = std::atoi(argv[i + 1]);
        else if (opt == "--truncate-every")
            truncateEvery = std::atoi(argv[i + 1]);
        else if (opt == "--busy-timeout")
            busyTimeout = std::atoi(argv[i + 1]);
        else if (opt == "--seconds")
            seconds = std::atof(argv[i + 1]);
        else if (opt == "--synchronous")
            synchronous = argv[i + 1];
        else if (opt == "--flip-every")
            flipEvery = std::atoi(argv[i + 1]);
        else if (opt == "--pace-us")
            paceUs = std::atoi(argv[i + 1]);
        else if (opt == "--trim-log")
            trimLog = std::atoi(argv[i + 1]);
    }
    sqlite3* db = openDb(path);
    sqlite3_busy_timeout(db, busyTimeout);
    setMode(db, mode);
    exec(db, "PRAGMA synchronous=" + synchronous);
    exec(db, "PRAGMA wal_autocheckpoint=" + std::to_string(autocheckpoint));
    exec(db, "PRAGMA cache_size=50"); // small cache: big transactions spill, as in real programs
    createBank(db, 0);
    std::printf("ready\n");
    std::fflush(stdout);
    std::mt19937 rng(std::random_device{}());
    long commits = 0, busy = 0;
    const auto start = std::chrono::steady_clock::now();
    for (long n = 0;; ++n) {
        if ((n & 63) == 0 && readyStdinClosed())
            break;
        if (seconds > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds)
            break;
        commits += transfer(db, rng, &busy, trimLog);
        if (paceUs > 0)
            std::this_thread::sleep_for(std::chrono::microseconds(paceUs));
        if (truncateEvery > 0 && commits > 0 && commits % truncateEvery == 0)
            exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", false);
        if (flipEvery > 0 && commits > 0 && commits % flipEvery == 0) {
            mode = mode == "wal" ? "rollback" : "wal";
            if (exec(db, mode == "wal" ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=DELETE", false) !=
                SQLITE_OK)
                ++busy;
        }
    }
    std::printf("commits=%ld busy=%ld\n", commits, busy);
    sqlite3_close(db);
    return 0;
}

int hold(int argc, char** argv) {
    const char* path = argv[2];
    const std::string mode = argv[3];
    bool openTxn = false, exclusive = true;
    sqlite3* db = openDb(path);
    for (int i = 4; i < argc; ++i) {
        if (std::strcmp(argv[i], "--open-txn") == 0)
            openTxn = true;
        else if (std::strcmp(argv[i], "--normal-locking") == 0)
            exclusive = false;
        else if (std::strcmp(argv[i], "--no-checkpoint") == 0)
            exec(db, "PRAGMA wal_autocheckpoint=0");
    }
    if (exclusive)
        exec(db, "PRAGMA locking_mode=EXCLUSIVE");
    setMode(db, mode);
    exec(db, "PRAGMA cache_size=10");
    createBank(db, 2000);
    exec(db, "UPDATE accounts SET balance = balance + 7 WHERE id = 1; UPDATE accounts SET balance = balance "
             "- 7 WHERE id = 2");
    if (openTxn) {
        // Far more than 10 pages of changes: SQLite must spill them to the file (or the WAL) before commit.
        exec(db, "BEGIN; UPDATE accounts SET balance = 0; UPDATE log SET pad = randomblob(2000)");
    }
    std::printf("ready\n");
    std::fflush(stdout);
    waitForStdinClose();
    sqlite3_close(db); // an open transaction is rolled back here
    return 0;
}

int crash(char** argv) {
    sqlite3* db = openDb(argv[2]);
    setMode(db, "rollback");
    exec(db, "PRAGMA cache_size=10");
    createBank(db, 2000);
    exec(db, "BEGIN; UPDATE accounts SET balance = 0; UPDATE log SET pad = randomblob(2000)");
    std::printf("ready\n");
    std::fflush(stdout);
    for (;;)
        pause(); // killed with SIGKILL by the test: the journal stays hot
}

// A VFS that forwards everything to the default one, except that deleting a super-journal (the
// "-mj" file of a multi-database commit) kills the process at the requested moment: the real files are
// left exactly as SQLite wrote them at that point of its commit.
sqlite3_vfs crashVfs;
int (*defaultDelete)(sqlite3_vfs*, const char*, int) = nullptr;
bool killBeforeSuperDelete = true;

int crashingDelete(sqlite3_vfs* vfs, const char* path, int syncDir) {
    const bool superJournal = std::strstr(path, "-mj") != nullptr;
    if (superJournal && killBeforeSuperDelete)
        ::kill(::getpid(), SIGKILL);
    const int rc = defaultDelete(vfs, path, syncDir);
    if (superJournal)
        ::kill(::getpid(), SIGKILL);
    return rc;
}

int crashMulti(char** argv) {
    killBeforeSuperDelete = std::strcmp(argv[4], "before") == 0;
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    crashVfs = *base;
    crashVfs.zName = "crash-on-super-journal";
    defaultDelete = base->xDelete;
    crashVfs.xDelete = crashingDelete;
    sqlite3_vfs_register(&crashVfs, 0);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, crashVfs.zName) !=
        SQLITE_OK)
        die(db, "open");
    setMode(db, "rollback");
    createBank(db, 100);
    exec(db, std::string("ATTACH '") + argv[3] + "' AS other");
    exec(db, "PRAGMA other.journal_mode=DELETE; CREATE TABLE IF NOT EXISTS other.moves(amount INTEGER)");
    exec(db,
         "BEGIN; UPDATE accounts SET balance = balance + 5 WHERE id = 1;"
         "UPDATE accounts SET balance = balance - 5 WHERE id = 2; INSERT INTO other.moves VALUES(5); COMMIT");
    std::fprintf(stderr, "dbtool: the commit finished without a super-journal\n");
    return 1;
}

// Who holds a lock that a write lock on one byte would conflict with: another process's view, which is
// what the in-process safety tests need (a process never sees its own locks through F_GETLK).
int lockState(const char* path, long long offset) {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        std::perror(path);
        return 1;
    }
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = offset;
    probe.l_len = 1;
    if (::fcntl(fd, F_GETLK, &probe) != 0) {
        std::perror("F_GETLK");
        return 1;
    }
    if (probe.l_type == F_UNLCK)
        std::printf("free\n");
    else
        std::printf("held %ld\n", long(probe.l_pid));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: dbtool make|writer|hold|crash DB [MODE] ...\n");
        return 2;
    }
    const std::string command = argv[1];
    if (command == "lockstate" && argc >= 4)
        return lockState(argv[2], std::atoll(argv[3]));
    if (command == "make" && argc >= 5) {
        sqlite3* db = openDb(argv[2]);
        setMode(db, argv[3]);
        createBank(db, std::atoi(argv[4]));
        sqlite3_close(db);
        return 0;
    }
    if (command == "writer" && argc >= 4)
        return writer(argc, argv);
    if (command == "hold" && argc >= 4)
        return hold(argc, argv);
    if (command == "crash")
        return crash(argv);
    if (command == "crash-multi" && argc >= 5)
        return crashMulti(argv);
    std::fprintf(stderr, "dbtool: bad arguments\n");
    return 2;
}
