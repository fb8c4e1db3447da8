#include "core/cancellation.h"

namespace als {

CancelSlots& cancel_slots() {
  static CancelSlots slots;
  return slots;
}

}  // namespace als
