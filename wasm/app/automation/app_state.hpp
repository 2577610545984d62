// What OrganizerApp reports of itself to the browser tests each frame. In
// production builds the call vanishes and the state is never built.
#pragma once

namespace tirage::app {
class OrganizerApp;
}

namespace tirage::app::automation {

#ifdef TIRAGE_AUTOMATION
// Sets the state the snapshot shows for this frame, drawn at now (Unix seconds).
void report_state(const OrganizerApp& app, double now);
#else
inline void report_state(const OrganizerApp&, double) {}
#endif

}  // namespace tirage::app::automation
