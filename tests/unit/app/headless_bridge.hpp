// What the headless frame test controls of its bridge (headless_bridge.cpp).
#pragma once

namespace tirage::app {

// Forgets everything the app stored (as a browser with no saved work).
void clear_headless_store();

}  // namespace tirage::app
