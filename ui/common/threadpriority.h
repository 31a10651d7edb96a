// Scheduling priority of the app's worker threads. On a machine with two cores a copy, a comparison and
// a reader feeding the grid can hold both CPUs; the GUI thread then waits for one (a stall the user sees
// although the GUI thread has nothing slow to do). On Linux the nice value belongs to the thread, so each
// worker lowers its own: long work most, the readers the GUI waits for a little. A thread never raises
// its priority again (that needs a privilege), so a thread is lowered once, to the level of its role.
#pragma once

namespace sqlsnap::ui {

enum class ThreadRole {
    Reader,     // reads pages for a view on demand (the preview's reader, the Compare tab's grid)
    Background, // long work: snapshots, comparisons, exports (the executor's long lane)
};

// The nice value a role runs at (the GUI thread stays at the process's own).
int niceValueOf(ThreadRole role);

// Lowers the calling thread to its role's level, once; later calls do nothing (also for another role).
void lowerThisThreadsPriority(ThreadRole role);

} // namespace sqlsnap::ui
