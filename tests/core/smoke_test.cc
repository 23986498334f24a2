#include <gtest/gtest.h>
#include "core/evaluation.h"
TEST(Smoke, Builds) { cairn::core::Model m; SUCCEED(); }
