# Compiles the shipped rule sets (targets/*.toml) into the binary, so `plancheck check` needs no
# file at run time. The generated source is rebuilt whenever a rule file changes.
file(GLOB PLANCHECK_PLAN_FILES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/targets/*.toml")
list(SORT PLANCHECK_PLAN_FILES)
set(PLANCHECK_EMBEDDED_PLANS_CPP "${PROJECT_BINARY_DIR}/generated/embedded_plans.cpp")
add_custom_command(
  OUTPUT "${PLANCHECK_EMBEDDED_PLANS_CPP}"
  COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${PLANCHECK_EMBEDDED_PLANS_CPP}"
          "-DINPUTS=${PLANCHECK_PLAN_FILES}"
          -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
  DEPENDS ${PLANCHECK_PLAN_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
  COMMENT "Embedding shipped rule sets"
  VERBATIM)
