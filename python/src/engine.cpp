// sqlitesnapshot._engine: the engine's calls for Python, as thin as can be. Each call releases the GIL
// for the engine's work and returns JSON text (the CLI's --json field names; the package turns it into
// objects) or a failure as {"error": {"kind", "message"}}; sqlitesnapshot/__init__.py raises from it.
// While the engine works, a sink takes the GIL at most every 20 ms to deliver progress and to run
// Python's signal handlers: a KeyboardInterrupt (or an exception raised by the progress callback)
// cancels the engine, which removes everything it made, and is then raised in the caller.
#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/jsonforms.h>
#include <sqlitesnapshot/meaning.h>
#include <sqlitesnapshot/progress.h>
#include <sqlitesnapshot/snapshot.h>
#include <sqlitesnapshot/tables.h>

#include <pybind11/pybind11.h>

#include <sqlite3.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <mutex>
#include <optional>

#include <dlfcn.h>

namespace py = pybind11;
using namespace sqlsnap;

namespace {

// Progress to Python and cancellation from Python. Engine side: report() and isCancelled() run without
// the GIL; they take it only when 20 ms have passed (or the phase changed), so the engine is never slowed
// by Python and a Ctrl-C is seen within a few tens of milliseconds.
class PythonSink : public CancelFlag {
public:
    explicit PythonSink(py::object progress) : m_progress(std::move(progress)) {}

    void report(const Progress& p) override {
        std::lock_guard lock(m_mutex);
        const bool changed = !m_last || m_last->phase != p.phase || m_last->attempt != p.attempt ||
                             (p.pagesTotal > 0 && p.pagesDone == p.pagesTotal);
        m_last = p;
        m_pending = true;
        if (changed || due())
            poll();
    }
    bool isCancelled() const override {
        if (CancelFlag::isCancelled())
            return true;
        std::lock_guard lock(m_mutex);
        if (due())
            const_cast<PythonSink*>(this)->poll();
        return CancelFlag::isCancelled();
    }
    // Once the engine returned (GIL held): the last progress, and whether Python raised meanwhile.
    bool finish() {
        std::lock_guard lock(m_mutex);
        if (!m_error && m_pending)
            deliver();
        return !m_error;
    }
    void restoreError() { PyErr_Restore(m_type, m_value, m_traceback), m_error = false; }

private:
    bool due() const { return std::chrono::steady_clock::now() - m_polled >= std::chrono::milliseconds(20); }
    // With m_mutex held and without the GIL.
    void poll() {
        m_polled = std::chrono::steady_clock::now();
        if (m_error)
            return;
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) // a KeyboardInterrupt from the main thread's handler
            keepError();
        else if (m_pending)
            deliver();
        if (m_error)
            cancel();
    }
    void deliver() {
        m_pending = false;
        if (m_progress.is_none() || !m_last)
            return;
        const Progress& p = *m_last;
        PyObject* result = PyObject_CallFunction(
            m_progress.ptr(), "siLL", phaseName(p.phase).toUtf8().constData(), p.attempt,
            static_cast<long long>(p.pagesDone), static_cast<long long>(p.pagesTotal));
        if (!result)
            keepError();
        Py_XDECREF(result);
    }
    void keepError() {
        PyErr_Fetch(&m_type, &m_value, &m_traceback);
        m_error = true;
    }

    py::object m_progress;
    mutable std::mutex m_mutex;
    std::optional<Progress> m_last;
    bool m_pending = false;
    std::chrono::steady_clock::time_point m_polled = std::chrono::steady_clock::now();
    bool m_error = false;
    PyObject *m_type = nullptr, *m_value = nullptr, *m_traceback = nullptr;
};

QString toQString(const std::string& text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

py::str toJson(const QJsonObject& object) {
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return py::str(bytes.constData(), size_t(bytes.size()));
}

// Runs `work` (which returns the JSON object) without the GIL, then raises what Python raised meanwhile.
template <typename Work> py::str runEngine(py::object progress, Work work) {
    PythonSink sink(std::move(progress));
    QJsonObject out;
    {
        py::gil_scoped_release nogil;
        out = work(sink);
        waitForBackgroundRemovals(); // "leaves nothing behind" holds when the call returns
    }
    if (!sink.finish()) {
        sink.restoreError();
        throw py::error_already_set();
    }
    return toJson(out);
}

py::str snapshot(const std::string& source, const std::string& destination, int retries, bool strict,
                 bool overwrite, bool verify, const std::string& strategy, bool direct, int pagesPerStep,
                 py::object progress) {
    SnapshotOptions options;
    options.retries = retries;
    options.strict = strict;
    options.overwrite = overwrite;
    options.verify = verify;
    options.direct = direct;
    if (pagesPerStep > 0)
        options.backupPagesPerStep = pagesPerStep;
    const auto chosen = strategyFromName(toQString(strategy));
    if (!chosen)
        return toJson(errorJson(
            {ErrorKind::InvalidArgument,
             QStringLiteral("unknown strategy '%1' (publish, backup or compact)").arg(toQString(strategy))}));
    options.strategy = *chosen;
    return runEngine(std::move(progress), [&](ProgressSink& sink) {
        auto result = takeSnapshot(toQString(source), toQString(destination), options, &sink);
        return result ? snapshotResultJson(*result) : errorJson(result.error());
    });
}

// The sqlite3* inside a stdlib sqlite3.Connection, or null when it is not ours to use. CPython 3.8 to
// 3.13 declare the object as { PyObject_HEAD; sqlite3 *db; ... } (Modules/_sqlite/connection.h), and
// the handle may only be given to the engine's SQLite when it is the very library _sqlite3 calls (one
// process-wide SQLite, not a second copy): checked by resolving sqlite3_deserialize through _sqlite3.
sqlite3* stdlibHandle(py::handle connection) {
#if PY_VERSION_HEX >= 0x03080000 && PY_VERSION_HEX < 0x030E0000
    struct ConnectionObject {
        PyObject_HEAD sqlite3* db;
    };
    if (!py::isinstance(connection, py::module_::import("sqlite3").attr("Connection")))
        return nullptr;
    const py::object module = py::module_::import("_sqlite3");
    if (!py::hasattr(module, "__file__"))
        return nullptr; // built into the interpreter: its SQLite cannot be told apart from ours
    const std::string file = module.attr("__file__").cast<std::string>();
    void* library = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (!library)
        return nullptr;
    void* theirs = dlsym(library, "sqlite3_deserialize");
    dlclose(library);
    if (theirs != reinterpret_cast<void*>(&sqlite3_deserialize))
        return nullptr;
    return reinterpret_cast<ConnectionObject*>(connection.ptr())->db;
#else
    Q_UNUSED(connection);
    return nullptr;
#endif
}

bool canFill(py::handle connection) {
    return stdlibHandle(connection) != nullptr;
}

// snapshotToConnection into a new, empty stdlib connection (the caller made it; nothing else uses it).
py::str fillConnection(const std::string& source, py::handle connection, int retries, bool strict,
                       bool verify, const std::string& staging, py::object progress) {
    sqlite3* into = stdlibHandle(connection);
    if (!into)
        return toJson(errorJson(
            {ErrorKind::InvalidArgument, QStringLiteral("the connection cannot be filled by the engine")}));
    SnapshotOptions options;
    options.retries = retries;
    options.strict = strict;
    options.verify = verify;
    options.stagingDirectory = toQString(staging);
    return runEngine(std::move(progress), [&](ProgressSink& sink) {
        auto result = sqlsnap::snapshotToConnection(toQString(source), into, options, &sink);
        return result ? snapshotResultJson(*result) : errorJson(result.error());
    });
}

py::str copyFiles(const std::string& source, const std::string& folder, int retries, bool strict,
                  py::object progress) {
    return runEngine(std::move(progress), [&](ProgressSink& sink) {
        auto copied = copyDatabaseFiles(toQString(source), toQString(folder), retries, strict, &sink);
        if (!copied)
            return errorJson(copied.error());
        QJsonArray files;
        for (const CopiedFile& f : copied->files)
            files.append(QJsonObject{{QStringLiteral("path"), f.path},
                                     {QStringLiteral("kind"), fileKindName(f.kind)},
                                     {QStringLiteral("size"), f.size}});
        return QJsonObject{{QStringLiteral("database"), copied->databasePath},
                           {QStringLiteral("files"), files},
                           {QStringLiteral("copy_attempts"), copied->attempts},
                           {QStringLiteral("consistent_copy"), copied->consistent}};
    });
}

py::str inspect(const std::string& source) {
    return runEngine(py::none(), [&](ProgressSink& sink) {
        auto set = inspectDatabase(toQString(source), CancelToken::following(&sink));
        return set ? databaseFilesJson(*set) : errorJson(set.error());
    });
}

py::str tables(const std::string& path, bool countRows) {
    return runEngine(py::none(), [&](ProgressSink& sink) {
        auto list = listTables(toQString(path), countRows, &sink);
        return list ? tablesJson(toQString(path), *list) : errorJson(list.error());
    });
}

} // namespace

PYBIND11_MODULE(_engine, m) {
    m.doc() = "The SQLite Snapshot engine (internal: use the sqlitesnapshot package).";
    m.def("snapshot", &snapshot, py::arg("source"), py::arg("destination"), py::arg("retries"),
          py::arg("strict"), py::arg("overwrite"), py::arg("verify"), py::arg("strategy"), py::arg("direct"),
          py::arg("pages_per_step"), py::arg("progress"));
    m.def("can_fill", &canFill, py::arg("connection"));
    m.def("snapshot_to_connection", &fillConnection, py::arg("source"), py::arg("connection"),
          py::arg("retries"), py::arg("strict"), py::arg("verify"), py::arg("staging"), py::arg("progress"));
    m.def("copy_files", &copyFiles, py::arg("source"), py::arg("folder"), py::arg("retries"),
          py::arg("strict"), py::arg("progress"));
    m.def("inspect", &inspect, py::arg("source"));
    m.def("tables", &tables, py::arg("path"), py::arg("count_rows"));
    m.def("sqlite_version", [] { return sqliteLibraryVersion().toStdString(); });
}
