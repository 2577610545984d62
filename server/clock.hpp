// The wall clock, read at the edge only: shared/ takes the time as an argument
// and never reads it.
#pragma once

#include "shared/core/time.hpp"

namespace tirage::server {

// The current time, whole seconds since the Unix epoch.
UnixSeconds now_seconds();

}  // namespace tirage::server
