"""`make test`'s third test process: a lane for the files that mostly wait.

The browser tests spend most of their time waiting in real time (the fake microphone plays a clip
as long as it is, the page redraws, the server answers) while the other files keep the two cores
busy with the models. Two processes left the cores idle whenever one of them was in a browser
test; three processes that each took any file ran three model files at once on two cores, which
was slower. So with `-n 3 --dist loadfile` the last process takes only the files that wait, and
the other two everything else, longest first (conftest.FILE_SECONDS); when their own files run out
they take what is left of the waiting ones, and the waiting lane stops when it has none.
"""

from __future__ import annotations

from xdist.scheduler import LoadFileScheduling

# Files that mostly wait on a browser (paths from the repository's root).
WAITING = ("tests/e2e/", "tests/reliability/test_injection.py", "tests/reliability/test_load.py")


def waits(scope: str) -> bool:
    return scope.startswith(WAITING)


class WaitingLaneScheduling(LoadFileScheduling):
    """loadfile scheduling, with the last worker kept for the files that wait."""

    def _is_lane(self, node) -> bool:
        return node.gateway.id == f"gw{self.numnodes - 1}"

    def _assign_work_unit(self, node) -> None:
        lane = self._is_lane(node)
        scope = next((s for s in self.workqueue if waits(s) == lane), None)
        if scope is None and not lane:
            scope = next(iter(self.workqueue), None)
        if scope is None:
            node.shutdown()  # after the files it has: nothing left that is its kind
            return
        work_unit = self.workqueue.pop(scope)
        self.assigned_work.setdefault(node, {})[scope] = work_unit
        collection = self.registered_collections[node]
        node.send_runtest_some([collection.index(nodeid) for nodeid, done in work_unit.items() if not done])
