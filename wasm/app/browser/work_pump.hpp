// Long jobs between frames. The page's main thread is mostly idle between two
// frames (the GPU side draws them, slowly with a software renderer), so a long
// job also runs in short tasks posted through a MessageChannel, which the
// browser interleaves with its frames: the page keeps drawing and answering
// while the job uses the time a frame-only slice would leave unused.
#pragma once

#include <functional>

namespace tirage::app {

// Runs slice() in tasks between frames until it returns false (or another
// job replaces it); a call while a job runs only replaces the job. Each slice
// must stay short (tens of milliseconds): the next frame waits for it.
void run_between_frames(std::function<bool()> slice);

}  // namespace tirage::app
